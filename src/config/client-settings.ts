/** Where the `openvan` client commands find the server and their API key when no flag says so. */
export interface ClientSettings {
  /** `OPENVAN_URL`: the server's base URL, e.g. `https://van.example.com`. */
  readonly url: string | undefined;
  /** `OPENVAN_API_KEY`: the key sent as `Authorization: Bearer KEY`. */
  readonly apiKey: string | undefined;
}

/** Reads `OPENVAN_URL` and `OPENVAN_API_KEY`; empty values count as unset. */
export function readClientSettings(env: NodeJS.ProcessEnv = process.env): ClientSettings {
  return Object.freeze({
    url: nonEmpty(env.OPENVAN_URL),
    apiKey: nonEmpty(env.OPENVAN_API_KEY),
  });
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed === undefined || trimmed === "" ? undefined : trimmed;
}
