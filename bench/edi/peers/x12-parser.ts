import type { Transform } from "node:stream";
import { requireExportedFunction } from "./require-export.js";

/** x12-parser's stream: bytes in, one object per segment out, `{ name: "PO1", "1": …, "2": … }`. */
export type X12ParserStreamClass = new (defaultEncoding?: BufferEncoding) => Transform;

export function loadX12ParserStream(): X12ParserStreamClass {
  return requireExportedFunction("x12-parser", "X12parser") as X12ParserStreamClass;
}

export function segmentName(segment: unknown): string | undefined {
  if (typeof segment !== "object" || segment === null || !("name" in segment)) return undefined;
  return typeof segment.name === "string" ? segment.name : undefined;
}
