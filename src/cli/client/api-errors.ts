import { OpenVanError } from "../../kernel/index.js";
import type { ApiEdiError } from "./api-types.js";

/** The server answered with an error body `{"error":{"code","message",...}}` (or with no usable body). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly ediErrors: readonly ApiEdiError[];

  constructor(status: number, code: string, message: string, ediErrors: readonly ApiEdiError[] = []) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.code = code;
    this.ediErrors = ediErrors;
  }
}

/** No HTTP answer came back: refused, unknown host, reset, timed out. Retrying later may work. */
export class ServerUnreachableError extends OpenVanError {
  readonly url: string;
  readonly reason: string;

  constructor(url: string, reason: string, options?: ErrorOptions) {
    super("CLI_SERVER_UNREACHABLE", `cannot reach the OpenVAN server at ${url} (${reason})`, {}, options);
    this.name = "ServerUnreachableError";
    this.url = url;
    this.reason = reason;
  }
}

/** Turns an error answer into an ApiError, whatever its body holds. */
export async function apiErrorOf(response: Response): Promise<ApiError> {
  const text = await response.text().catch(() => "");
  const body = parseJson(text);
  const error = isRecord(body) && isRecord(body.error) ? body.error : null;
  if (error === null || typeof error.code !== "string") {
    const excerpt = text.trim().slice(0, 200);
    const said = excerpt === "" ? response.statusText : excerpt;
    return new ApiError(response.status, `HTTP_${response.status}`, said || "the server gave no reason");
  }
  const message = typeof error.message === "string" ? error.message : "";
  const ediErrors = Array.isArray(error.ediErrors) ? error.ediErrors.filter(isEdiError) : [];
  return new ApiError(response.status, error.code, message, ediErrors);
}

/** `openvan: CODE: message`, then one line per EDI fault: `  CODE at offset N, segment S (TAG): message`. */
export function formatApiError(error: ApiError): string {
  let text = `openvan: ${error.code}: ${error.message}\n`;
  for (const fault of error.ediErrors) {
    let where = `at offset ${fault.offset}`;
    if (fault.segment !== undefined && fault.segment > 0) where += `, segment ${fault.segment}`;
    if (fault.tag !== undefined) where += ` (${fault.tag})`;
    if (fault.element !== undefined) where += `, element ${fault.element}`;
    text += `  ${fault.code} ${where}: ${fault.message}\n`;
  }
  return text;
}

/** Why fetch() failed, in words: `connection refused`, `host not found`, or the system's own code. */
export function networkFailureReason(error: unknown): string {
  const code = systemCode(error);
  switch (code) {
    case "ECONNREFUSED":
      return "connection refused";
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return "host not found";
    case "ECONNRESET":
    case "EPIPE":
    case "UND_ERR_SOCKET":
      return "the connection was closed";
    case "ETIMEDOUT":
    case "UND_ERR_CONNECT_TIMEOUT":
      return "timed out";
    case undefined:
      return error instanceof Error && error.cause instanceof Error ? error.cause.message : "no answer";
    default:
      return code;
  }
}

/** The `code` of fetch's cause, looking inside an AggregateError (one try per address of a host name). */
function systemCode(error: unknown): string | undefined {
  const cause = error instanceof Error ? error.cause : undefined;
  if (cause instanceof AggregateError) {
    for (const inner of cause.errors) {
      const code = codeOf(inner);
      if (code !== undefined) return code;
    }
  }
  return codeOf(cause);
}

function codeOf(value: unknown): string | undefined {
  return isRecord(value) && typeof value.code === "string" ? value.code : undefined;
}

function isEdiError(value: unknown): value is ApiEdiError {
  return (
    isRecord(value) &&
    typeof value.code === "string" &&
    typeof value.message === "string" &&
    typeof value.offset === "number"
  );
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}
