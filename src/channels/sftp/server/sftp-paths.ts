import { posix } from "node:path";

/**
 * Where a path lands in an account's view: `/`, `/outbox` (and its virtual `QUAL:ID` folders), `/inbox` and
 * the items in it. Nothing else exists, so there is no real file system to escape to: `..` stops at `/`, as
 * in a chroot, and every other path is `none`.
 */
export type SftpPlace =
  | { readonly kind: "root" }
  | { readonly kind: "outbox" }
  /** `/outbox/NAME`: a file to upload (routed by its envelope), or a `QUAL:ID` folder to stat or list. */
  | { readonly kind: "outbox-entry"; readonly name: string }
  /** `/outbox/QUAL:ID/NAME`: a file addressed to `QUAL:ID`. */
  | { readonly kind: "outbox-addressed"; readonly to: string; readonly name: string }
  | { readonly kind: "inbox" }
  | { readonly kind: "inbox-item"; readonly name: string }
  | { readonly kind: "none"; readonly path: string };

/** The absolute, normalised form of a client's path; relative paths start at `/` (the login's home). */
export function normalizeSftpPath(path: string): string {
  return posix.resolve("/", path === "" ? "." : path);
}

export function sftpPlace(path: string): SftpPlace {
  const absolute = normalizeSftpPath(path);
  const parts = absolute.split("/").filter((part) => part !== "");
  const [top, second, third, ...rest] = parts;
  if (top === undefined) return { kind: "root" };
  if (rest.length === 0 && top === "outbox") {
    if (second === undefined) return { kind: "outbox" };
    if (third === undefined) return { kind: "outbox-entry", name: second };
    return { kind: "outbox-addressed", to: second, name: third };
  }
  if (third === undefined && top === "inbox") {
    return second === undefined ? { kind: "inbox" } : { kind: "inbox-item", name: second };
  }
  return { kind: "none", path: absolute };
}
