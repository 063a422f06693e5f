import { requireExportedFunction } from "./require-export.js";

/** The part of node-x12's object model the benchmark walks. */
export interface NodeX12Interchange {
  readonly functionalGroups: readonly {
    readonly transactions: readonly { readonly segments: readonly unknown[] }[];
  }[];
}

export interface NodeX12FatInterchange {
  readonly interchanges: readonly NodeX12Interchange[];
}

export interface NodeX12Parser {
  parse(edi: string): NodeX12Interchange | NodeX12FatInterchange;
}

/** `new X12Parser(strict)`: strict keeps each interchange of a multi-interchange file apart. */
export type NodeX12ParserClass = new (strict: boolean) => NodeX12Parser;

export function loadNodeX12Parser(): NodeX12ParserClass {
  return requireExportedFunction("node-x12", "X12Parser") as NodeX12ParserClass;
}
