import { isOpenVanError, OpenVanError } from "../../kernel/index.js";

/** The JSON body of every error answer: `{"error":{"code","message",…details}}`. */
export interface ErrorBody {
  readonly error: { readonly code: string; readonly message: string } & Readonly<Record<string, unknown>>;
}

export function errorBody(error: OpenVanError): ErrorBody {
  return { error: { ...error.details, code: error.code, message: error.message } };
}

interface FrameworkError {
  readonly statusCode?: number;
  readonly message?: string;
  readonly validation?: readonly { readonly instancePath?: string; readonly params?: unknown }[];
  readonly validationContext?: string;
}

/**
 * Any error thrown while answering a request, as an OpenVanError: ours as they are; the framework's client
 * errors (schema validation, malformed JSON, bad content type) as REQUEST_INVALID; anything else as
 * INTERNAL_ERROR, whose message does not leak internals (the log has the original).
 */
export function toOpenVanError(error: unknown): OpenVanError {
  if (isOpenVanError(error)) return error;
  const framework = (typeof error === "object" && error !== null ? error : {}) as FrameworkError;
  const status = framework.statusCode;
  if (status !== undefined && status >= 400 && status < 500) {
    const first = framework.validation?.[0];
    const details: Record<string, unknown> = {};
    if (framework.validationContext !== undefined) details.part = framework.validationContext;
    if (first?.instancePath) details.field = first.instancePath.replace(/^\//, "").replaceAll("/", ".");
    return new OpenVanError("REQUEST_INVALID", framework.message ?? "the request is not valid", details);
  }
  return new OpenVanError(
    "INTERNAL_ERROR",
    "OpenVAN could not answer this request; see the server log",
    {},
    {
      cause: error,
    },
  );
}
