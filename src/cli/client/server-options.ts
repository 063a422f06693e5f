import type { Command } from "commander";
import { readClientSettings } from "../../config/client-settings.js";
import { OpenVanError } from "../../kernel/index.js";
import { ApiClient } from "./api-client.js";

/** The server used when neither `--url` nor `OPENVAN_URL` names one: `openvan serve` on this machine. */
export const defaultServerUrl = "http://127.0.0.1:8080";

export interface ServerOptions {
  readonly url?: string;
  readonly key?: string;
}

/** Adds `--url` and `--key` to a command that talks to a server. */
export function withServerOptions(command: Command): Command {
  return command
    .option("--url <url>", `the OpenVAN server (default: $OPENVAN_URL, else ${defaultServerUrl})`)
    .option("--key <key>", "the API key (default: $OPENVAN_API_KEY)");
}

/** A client for the server and key the flags name, else the environment's. */
export function clientFor(options: ServerOptions): ApiClient {
  const settings = readClientSettings();
  const url = options.url ?? settings.url ?? defaultServerUrl;
  const apiKey = options.key ?? settings.apiKey;
  if (!URL.canParse(url) || !/^https?:$/.test(new URL(url).protocol)) {
    throw new OpenVanError("CONFIG_INVALID", `"${url}" is not an http:// or https:// URL`);
  }
  if (apiKey === undefined) {
    throw new OpenVanError(
      "CLI_API_KEY_MISSING",
      `no API key for ${url}: pass --key KEY or set OPENVAN_API_KEY`,
    );
  }
  return new ApiClient({ url, apiKey });
}
