import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

/** Loads a CommonJS peer and returns one of its exports after checking that it is a function or class. */
export function requireExportedFunction(packageName: string, exportName: string): unknown {
  const module: unknown = require(packageName);
  if (typeof module !== "object" || module === null) throw new Error(`${packageName} exports nothing`);
  const value: unknown = Reflect.get(module, exportName);
  if (typeof value !== "function") throw new Error(`${packageName} has no ${exportName}`);
  return value;
}
