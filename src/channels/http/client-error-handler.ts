import type { Socket } from "node:net";
import { OpenVanError } from "../../kernel/index.js";
import { errorBody } from "./error-reply.js";

/**
 * Answers requests that never reached a route because Node's HTTP parser refused them: headers over the limit
 * get 431 REQUEST_HEADERS_TOO_LARGE, anything else 400 REQUEST_INVALID, in the API's error format.
 */
export function clientErrorHandler(error: NodeJS.ErrnoException, socket: Socket): void {
  if (error.code === "ECONNRESET" || socket.destroyed) return;
  const failure =
    error.code === "HPE_HEADER_OVERFLOW"
      ? new OpenVanError(
          "REQUEST_HEADERS_TOO_LARGE",
          "the request's headers are larger than this server takes",
        )
      : new OpenVanError("REQUEST_INVALID", "the request is not valid HTTP");
  if (!socket.writable) {
    socket.destroy(error);
    return;
  }
  const body = JSON.stringify(errorBody(failure));
  socket.end(
    `HTTP/1.1 ${failure.httpStatus} ${failure.httpStatus === 431 ? "Request Header Fields Too Large" : "Bad Request"}\r\n` +
      `Content-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
      `Connection: close\r\n\r\n${body}`,
  );
}
