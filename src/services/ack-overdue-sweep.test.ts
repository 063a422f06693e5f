import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { orderBody, x12Document } from "../../test/support/ack-documents.js";
import { eventually } from "../../test/support/client-test-network.js";
import { loadConfig } from "../config/index.js";
import { ManualClock } from "../kernel/index.js";
import { addIdentity, createAccount, issueApiKey, setAckProfile } from "../network/index.js";
import { openServices, type Services } from "./open-services.js";

describe("the overdue acknowledgment sweep of a running node", () => {
  let services: Services | undefined;
  let dir = "";
  afterAll(async () => {
    await services?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it("moves an unanswered interchange to ack_overdue once its window has passed", async () => {
    dir = await mkdtemp(join(tmpdir(), "openvan-overdue-"));
    const clock = new ManualClock("2026-03-01T09:00:00.000Z");
    const config = loadConfig({
      env: { OPENVAN_ACK_OVERDUE_SWEEP: "50ms" },
      overrides: { dataDir: dir, host: "127.0.0.1", port: 0, sftpPort: "off" },
    });
    services = await openServices(config, { clock });
    const url = await services.start();
    const { ctx } = services;
    const acme = await createAccount(ctx, "Acme Foods");
    const grocer = await createAccount(ctx, "Grocery Mart");
    await addIdentity(ctx, acme.id, "ZZ:ACMEFOODS");
    await addIdentity(ctx, grocer.id, "ZZ:GROCERYMART");
    await setAckProfile(ctx, acme.id, { expectAck: "always", ackWindowMinutes: 30 });
    const { key } = await issueApiKey(ctx, acme.id, "account");
    const sent = await fetch(`${url}/api/v1/messages`, {
      method: "POST",
      headers: { authorization: `Bearer ${key}` },
      body: x12Document({ control: 9, sets: [{ control: "0001", body: orderBody }] }),
    });
    expect(sent.status).toBe(202);
    const { id } = (await sent.json()) as { id: string };
    const state = async () => (await ctx.store.interchanges.listByMessage(id))[0]?.state;
    await eventually(async () => ((await state()) === "routed" ? true : undefined));
    clock.advance(31 * 60_000);
    await eventually(async () => ((await state()) === "ack_overdue" ? true : undefined));
    const story = await fetch(`${url}/api/v1/messages/${id}`, {
      headers: { authorization: `Bearer ${key}` },
    });
    const body = (await story.json()) as { events: Array<{ type: string }> };
    expect(body.events.map((e) => e.type)).toContain("interchange.ack_overdue");
  });
});
