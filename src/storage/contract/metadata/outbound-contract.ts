import { describe, expect, it } from "vitest";
import type { MetadataStore, WebhookCallRecord } from "../../ports/index.js";
import { aDelivery, aMessage, at, insertAccount, orderedId } from "./metadata-fixtures.js";

/** Push endpoints, interconnects, webhooks and their log, notification e-mail, delivery transitions. */
export function outboundContract(store: () => MetadataStore): void {
  describe("push endpoints", () => {
    const anEndpoint = (accountId: string, active: boolean, kind: "as2" | "sftp" = "sftp") => ({
      id: orderedId("pep_"),
      accountId,
      kind,
      settings: { host: "sftp.example.com", port: 2222, folder: "/in", nested: { a: [1, 2] } },
      active,
      createdAt: at(5),
    });

    it("keeps every field and finds the account's one active endpoint", async () => {
      const account = await insertAccount(store());
      expect(await store().pushEndpoints.findActive(account.id)).toBeNull();
      const first = anEndpoint(account.id, true);
      await store().pushEndpoints.insert(first);
      expect(await store().pushEndpoints.get(first.id)).toEqual(first);
      expect(await store().pushEndpoints.findActive(account.id)).toEqual(first);
      // A new active endpoint takes over.
      const second = anEndpoint(account.id, true, "as2");
      await store().pushEndpoints.insert(second);
      expect(await store().pushEndpoints.findActive(account.id)).toEqual(second);
      expect(await store().pushEndpoints.listByAccount(account.id)).toEqual([
        { ...first, active: false },
        second,
      ]);
    });

    it("switches, deactivates, changes and removes endpoints", async () => {
      const account = await insertAccount(store());
      const one = anEndpoint(account.id, true);
      const two = anEndpoint(account.id, false);
      await store().pushEndpoints.insert(one);
      await store().pushEndpoints.insert(two);
      expect(await store().pushEndpoints.setActive(two.id, true)).toBe(true);
      expect((await store().pushEndpoints.findActive(account.id))?.id).toBe(two.id);
      expect((await store().pushEndpoints.get(one.id))?.active).toBe(false);
      expect(await store().pushEndpoints.setActive(two.id, false)).toBe(true);
      expect(await store().pushEndpoints.findActive(account.id)).toBeNull();
      expect(await store().pushEndpoints.setActive("pep_none", true)).toBe(false);
      expect(await store().pushEndpoints.updateSettings(one.id, { host: "other.example.com" })).toBe(true);
      expect((await store().pushEndpoints.get(one.id))?.settings).toEqual({ host: "other.example.com" });
      expect(await store().pushEndpoints.delete(one.id)).toBe(true);
      expect(await store().pushEndpoints.delete(one.id)).toBe(false);
      expect(await store().pushEndpoints.listByAccount(account.id)).toEqual([{ ...two, active: false }]);
    });
  });

  describe("interconnects", () => {
    it("marks an account as another network", async () => {
      const account = await insertAccount(store());
      const record = { accountId: account.id, network: "Network B", createdAt: at(1) };
      await store().interconnects.insert(record);
      expect(await store().interconnects.get(account.id)).toEqual(record);
      expect(await store().interconnects.list()).toContainEqual(record);
      const plain = await insertAccount(store());
      expect(await store().interconnects.get(plain.id)).toBeNull();
    });
  });

  describe("webhooks", () => {
    const aWebhook = (accountId: string) => ({
      id: orderedId("whk_"),
      accountId,
      url: "https://hooks.example.com/openvan",
      secret: "s".repeat(32),
      events: ["mailbox.item", "delivery.failed"],
      active: true,
      createdAt: at(2),
    });
    const aCall = (webhookId: string, accountId: string, notificationId: string): WebhookCallRecord => ({
      id: orderedId("whc_"),
      webhookId,
      accountId,
      notificationId,
      type: "mailbox.item",
      body: '{"type":"mailbox.item"}',
      state: "pending",
      attempts: 0,
      lastStatus: null,
      lastError: null,
      createdAt: at(3),
      updatedAt: at(3),
    });

    it("keeps webhooks per account, deactivates and removes them", async () => {
      const account = await insertAccount(store());
      const webhook = aWebhook(account.id);
      await store().webhooks.insert(webhook);
      expect(await store().webhooks.get(webhook.id)).toEqual(webhook);
      expect(await store().webhooks.listByAccount(account.id)).toEqual([webhook]);
      expect(await store().webhooks.setActive(webhook.id, false)).toBe(true);
      expect((await store().webhooks.get(webhook.id))?.active).toBe(false);
      expect(await store().webhooks.delete(webhook.id)).toBe(true);
      expect(await store().webhooks.get(webhook.id)).toBeNull();
      expect(await store().webhooks.delete(webhook.id)).toBe(false);
    });

    it("logs one call per notification and webhook, with each attempt, newest first", async () => {
      const account = await insertAccount(store());
      const webhook = aWebhook(account.id);
      await store().webhooks.insert(webhook);
      const first = aCall(webhook.id, account.id, "job_1");
      expect(await store().webhookCalls.insert(first)).toBe(true);
      // Inside a transaction too: the refused duplicate must not spoil it (PostgreSQL).
      const again = await store().transaction(async (tx) => {
        const added = await tx.webhookCalls.insert(aCall(webhook.id, account.id, "job_1"));
        return { added, still: await tx.webhookCalls.get(first.id) };
      });
      expect(again).toEqual({ added: false, still: first });
      expect(await store().webhookCalls.findByNotification("job_1", webhook.id)).toEqual(first);
      await store().webhookCalls.recordAttempt(first.id, {
        state: "pending",
        status: 500,
        error: "500",
        at: at(4),
      });
      await store().webhookCalls.recordAttempt(first.id, {
        state: "delivered",
        status: 204,
        error: null,
        at: at(6),
      });
      expect(await store().webhookCalls.get(first.id)).toEqual({
        ...first,
        state: "delivered",
        attempts: 2,
        lastStatus: 204,
        lastError: null,
        updatedAt: at(6),
      });
      const calls = [first];
      for (let i = 2; i <= 4; i++) {
        const call = aCall(webhook.id, account.id, `job_${i}`);
        await store().webhookCalls.insert(call);
        calls.push(call);
      }
      const page = await store().webhookCalls.listByWebhook(webhook.id, null, 3);
      expect(page.items.map((c) => c.notificationId)).toEqual(["job_4", "job_3", "job_2"]);
      const rest = await store().webhookCalls.listByWebhook(webhook.id, page.next, 3);
      expect(rest).toEqual({ items: [expect.objectContaining({ notificationId: "job_1" })], next: null });
      // The log goes with its webhook.
      await store().webhooks.delete(webhook.id);
      expect(await store().webhookCalls.get(first.id)).toBeNull();
    });
  });

  describe("notification e-mail", () => {
    it("sets, replaces and clears an account's address", async () => {
      const account = await insertAccount(store());
      expect(await store().notificationEmails.get(account.id)).toBeNull();
      const record = {
        accountId: account.id,
        address: "a@example.com",
        events: ["ack.overdue"],
        updatedAt: at(1),
      };
      await store().notificationEmails.set(record);
      expect(await store().notificationEmails.get(account.id)).toEqual(record);
      const replaced = { ...record, address: "b@example.com", events: ["mailbox.item"], updatedAt: at(2) };
      await store().notificationEmails.set(replaced);
      expect(await store().notificationEmails.get(account.id)).toEqual(replaced);
      expect(await store().notificationEmails.clear(account.id)).toBe(true);
      expect(await store().notificationEmails.clear(account.id)).toBe(false);
    });
  });

  describe("delivery transitions", () => {
    it("moves a delivery only from the states given", async () => {
      const sender = await insertAccount(store());
      const recipient = await insertAccount(store());
      const message = aMessage(sender.id);
      await store().messages.insert(message);
      const delivery = aDelivery(message, recipient.id, { route: "as2", state: "pushing" });
      await store().deliveries.insert(delivery);
      expect(await store().deliveries.transition(delivery.id, ["in_mailbox"], "picked_up")).toBe(false);
      expect(await store().deliveries.transition(delivery.id, ["pushing"], "push_failed")).toBe(true);
      expect(await store().deliveries.transition(delivery.id, ["pushing"], "delivered")).toBe(false);
      expect(await store().deliveries.transition(delivery.id, [], "delivered")).toBe(false);
      expect(await store().deliveries.transition(delivery.id, ["push_failed", "pushing"], "pushing")).toBe(
        true,
      );
      expect((await store().deliveries.get(delivery.id))?.state).toBe("pushing");
      expect((await store().deliveries.listMailbox(recipient.id, "in_mailbox", null, 10)).items).toEqual([]);
    });
  });
}
