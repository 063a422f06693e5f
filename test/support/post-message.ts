import { expect } from "vitest";

/** Sends `body` through `POST /api/v1/messages` of the server at `baseUrl` with API key `key`; its message id. */
export async function postMessage(baseUrl: string, key: string, body: string): Promise<string> {
  const answer = await fetch(`${baseUrl}/api/v1/messages`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}` },
    body,
  });
  expect(answer.status).toBe(202);
  return ((await answer.json()) as { id: string }).id;
}
