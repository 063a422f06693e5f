import { resolve } from "node:path";
import { OpenVanError } from "../kernel/index.js";
import type { DatabaseConfig } from "./openvan-config.js";

/**
 * `postgres://user@host:5432/db` (or `postgresql://`) selects PostgreSQL; `sqlite:PATH` an SQLite file
 * (relative to `cwd`). `schema` is the PostgreSQL schema to use (OPENVAN_DATABASE_SCHEMA).
 */
export function parseDatabaseUrl(
  text: string,
  setting: string,
  cwd: string,
  schema: string | null,
): DatabaseConfig {
  const trimmed = text.trim();
  if (/^postgres(ql)?:\/\//i.test(trimmed)) {
    try {
      new URL(trimmed);
    } catch {
      throw invalid(setting, `"${redact(trimmed)}" is not a valid URL`);
    }
    return { kind: "postgres", url: trimmed, schema };
  }
  if (/^sqlite:/i.test(trimmed)) {
    const path = trimmed.slice("sqlite:".length).replace(/^\/\/(?=\/)/, "");
    if (path === "")
      throw invalid(setting, "sqlite: needs a file path, e.g. sqlite:/var/lib/openvan/openvan.db");
    return { kind: "sqlite", path: resolve(cwd, path) };
  }
  throw invalid(
    setting,
    `"${redact(trimmed)}" is not a database URL; write postgres://USER@HOST:PORT/DB or sqlite:PATH`,
  );
}

function invalid(setting: string, what: string): OpenVanError {
  return new OpenVanError("CONFIG_INVALID", `${setting}: ${what}`, { setting });
}

/** The URL without its password, for error messages. */
function redact(text: string): string {
  return text.replace(/(\/\/[^:/@]*:)[^@/]*@/, "$1***@");
}
