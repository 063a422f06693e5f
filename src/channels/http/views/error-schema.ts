/** One EDI fault of a refused message, where it is in the bytes. */
export const ediErrorSchema = {
  type: "object",
  required: ["code", "message", "offset"],
  properties: {
    code: { type: "string", description: "An EDI_* code of docs/errors.md." },
    message: { type: "string" },
    offset: { type: "integer", description: "Byte offset in the message (0-based)." },
    segment: { type: "integer", description: "1-based position of the segment, 0 when outside any." },
    tag: { type: "string" },
    element: { type: "integer", description: "1-based element position in the segment." },
  },
} as const;

/** Every error answer: `{"error":{"code","message",…details}}`; the code is one of docs/errors.md. */
export const errorSchema = {
  type: "object",
  required: ["error"],
  properties: {
    error: {
      type: "object",
      required: ["code", "message"],
      additionalProperties: true,
      properties: {
        code: { type: "string" },
        message: { type: "string" },
        ediErrors: { type: "array", items: ediErrorSchema },
      },
    },
  },
} as const;

const descriptions: Readonly<Record<number, string>> = {
  400: "The request is not valid (REQUEST_INVALID, MESSAGE_*).",
  401: "No valid API key (UNAUTHENTICATED).",
  403: "The key's scope does not allow this (FORBIDDEN).",
  404: "No such item for this account (NOT_FOUND).",
  409: "Conflict (IDENTITY_TAKEN).",
  413: "Larger than the configured limit (BLOB_TOO_LARGE).",
  416: "The Range asks for bytes outside the item (RANGE_NOT_SATISFIABLE).",
  422: "The EDI is broken so that it cannot be routed (MESSAGE_EDI_INVALID).",
  503: "The database or blob store did not answer (STORAGE_UNAVAILABLE).",
};

/** Response schemas of the error statuses a route can answer with. */
export function errorResponses(...statuses: number[]): Record<number, unknown> {
  const out: Record<number, unknown> = {};
  for (const status of statuses)
    out[status] = { description: descriptions[status] ?? "Error", ...errorSchema };
  return out;
}
