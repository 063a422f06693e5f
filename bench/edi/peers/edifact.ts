import { requireExportedFunction } from "./require-export.js";

/** The `edifact` package's event parser; callbacks set as methods skip its EventEmitter. */
export interface EdifactParser {
  encoding(level: "UNOA" | "UNOB" | "UNOC" | "UNOY" | "UCS2"): void;
  write(chunk: string): void;
  end(): void;
  onopensegment: (segment: string) => void;
  onelement: () => void;
  oncomponent: (data: string) => void;
  onclosesegment: () => void;
}

export type EdifactParserClass = new () => EdifactParser;

export function loadEdifactParser(): EdifactParserClass {
  return requireExportedFunction("edifact", "Parser") as EdifactParserClass;
}
