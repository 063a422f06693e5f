import { Readable } from "node:stream";
import { ApiError, apiErrorOf, networkFailureReason, ServerUnreachableError } from "./api-errors.js";
import type {
  Account,
  ApiKey,
  ApiPage,
  Identity,
  IssuedKey,
  KeyScope,
  MailboxItem,
  MessageStory,
  SendAnswer,
  TrackedInterchange,
  TrackQuery,
} from "./api-types.js";

export interface ApiClientOptions {
  /** The server's base URL: `http://127.0.0.1:8080`, or with a path prefix behind a proxy. */
  readonly url: string;
  /** Sent as `Authorization: Bearer KEY`. */
  readonly apiKey: string;
}

/** What goes with a message: its recipient (required for a file that is not EDI) and a key for safe retries. */
export interface SendMessageOptions {
  readonly to?: string;
  readonly idempotencyKey?: string;
  readonly filename?: string;
  /** The body's length in bytes, when known: the server can refuse an oversize message before it is sent. */
  readonly size?: number;
}

type Query = Readonly<Record<string, string | number | undefined>>;

/**
 * A typed client of the OpenVAN REST API over Node's fetch. Error answers throw ApiError; no answer at all
 * (refused, reset, unknown host) throws ServerUnreachableError.
 */
export class ApiClient {
  readonly #base: URL;
  readonly #apiKey: string;

  constructor(options: ApiClientOptions) {
    this.#base = new URL(options.url.endsWith("/") ? options.url : `${options.url}/`);
    this.#apiKey = options.apiKey;
  }

  /** `POST /messages` with the bytes streamed as they are read. */
  sendMessage(body: AsyncIterable<Uint8Array>, options: SendMessageOptions = {}): Promise<SendAnswer> {
    const headers: Record<string, string> = { "content-type": "application/octet-stream" };
    if (options.size !== undefined) headers["content-length"] = String(options.size);
    if (options.to !== undefined) headers["x-openvan-to"] = options.to;
    if (options.idempotencyKey !== undefined) headers["idempotency-key"] = options.idempotencyKey;
    if (options.filename !== undefined) headers["x-openvan-filename"] = headerSafe(options.filename);
    return this.#json("POST", "/api/v1/messages", { body, headers });
  }

  /** The first page of the mailbox, or the page a `next` path names. */
  mailboxPage(next?: string, limit?: number): Promise<ApiPage<MailboxItem>> {
    return this.#json("GET", next ?? withQuery("/api/v1/mailbox", { limit }));
  }

  /** Every waiting item, following `next` from page to page. */
  async *mailboxItems(limit?: number): AsyncGenerator<MailboxItem> {
    let page = await this.mailboxPage(undefined, limit);
    for (;;) {
      yield* page.items;
      if (page.next === null) return;
      page = await this.mailboxPage(page.next);
    }
  }

  /** The bytes of a mailbox item as they were received, streamed. */
  async mailboxContent(id: string): Promise<Readable> {
    const response = await this.#fetch("GET", `/api/v1/mailbox/${encodeURIComponent(id)}/content`);
    if (response.body === null) throw new ApiError(response.status, "HTTP_NO_BODY", "the answer had no body");
    return Readable.fromWeb(response.body);
  }

  confirmPickup(id: string): Promise<unknown> {
    return this.#json("POST", `/api/v1/mailbox/${encodeURIComponent(id)}/confirm`);
  }

  resend(id: string): Promise<MailboxItem> {
    return this.#json("POST", `/api/v1/mailbox/${encodeURIComponent(id)}/resend`);
  }

  message(id: string): Promise<MessageStory> {
    return this.#json("GET", `/api/v1/messages/${encodeURIComponent(id)}`);
  }

  trackPage(query: TrackQuery, next?: string, limit?: number): Promise<ApiPage<TrackedInterchange>> {
    return this.#json("GET", next ?? withQuery("/api/v1/track", { ...query, limit }));
  }

  createAccount(name: string): Promise<Account> {
    return this.#json("POST", "/api/v1/admin/accounts", { json: { name } });
  }

  listAccounts(): Promise<{ readonly items: readonly Account[] }> {
    return this.#json("GET", "/api/v1/admin/accounts");
  }

  addIdentity(accountId: string, identity: string): Promise<Identity> {
    return this.#json("POST", `/api/v1/admin/accounts/${encodeURIComponent(accountId)}/identities`, {
      json: { identity },
    });
  }

  listIdentities(accountId: string): Promise<{ readonly items: readonly Identity[] }> {
    return this.#json("GET", `/api/v1/admin/accounts/${encodeURIComponent(accountId)}/identities`);
  }

  listKeys(accountId: string): Promise<{ readonly items: readonly ApiKey[] }> {
    return this.#json("GET", `/api/v1/admin/accounts/${encodeURIComponent(accountId)}/keys`);
  }

  createKey(accountId: string, scope: KeyScope): Promise<IssuedKey> {
    return this.#json("POST", `/api/v1/admin/accounts/${encodeURIComponent(accountId)}/keys`, {
      json: { scope },
    });
  }

  /** Any JSON call of the API, for commands whose calls have no method of their own here. */
  callJson<T>(method: string, path: string, json?: unknown): Promise<T> {
    return this.#json(method, path, json === undefined ? {} : { json });
  }

  async #json<T>(method: string, path: string, request: RequestParts = {}): Promise<T> {
    const response = await this.#fetch(method, path, request);
    let text: string;
    try {
      text = await response.text();
    } catch (error) {
      throw new ServerUnreachableError(this.#base.href, networkFailureReason(error), { cause: error });
    }
    try {
      return (text === "" ? {} : JSON.parse(text)) as T;
    } catch {
      throw new ApiError(response.status, "HTTP_BAD_BODY", `the answer to ${method} ${path} is not JSON`);
    }
  }

  /** One request; a 2xx answer is returned, anything else thrown as ApiError. */
  async #fetch(method: string, path: string, request: RequestParts = {}): Promise<Response> {
    const headers: Record<string, string> = { authorization: `Bearer ${this.#apiKey}`, ...request.headers };
    let body: RequestInit["body"];
    if (request.json !== undefined) {
      headers["content-type"] = "application/json";
      body = JSON.stringify(request.json);
    } else {
      body = request.body;
    }
    let response: Response;
    try {
      response = await fetch(this.#resolve(path), {
        method,
        headers,
        body,
        ...(request.body === undefined ? {} : { duplex: "half" as const }),
      });
    } catch (error) {
      throw new ServerUnreachableError(this.#base.href, networkFailureReason(error), { cause: error });
    }
    if (!response.ok) throw await apiErrorOf(response);
    return response;
  }

  /** A server path (`/api/v1/…`, as `next` gives them) under the base URL, keeping any prefix it has. */
  #resolve(path: string): URL {
    return new URL(path.replace(/^\/+/, ""), this.#base);
  }
}

interface RequestParts {
  readonly headers?: Readonly<Record<string, string>>;
  readonly json?: unknown;
  readonly body?: AsyncIterable<Uint8Array>;
}

function withQuery(path: string, query: Query): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined) params.set(name, String(value));
  }
  const search = params.toString();
  return search === "" ? path : `${path}?${search}`;
}

/** A name as an HTTP header can carry it: printable ASCII as it is, anything else percent-encoded. */
function headerSafe(name: string): string {
  return /^[\x20-\x7e]*$/.test(name) ? name : encodeURIComponent(name);
}
