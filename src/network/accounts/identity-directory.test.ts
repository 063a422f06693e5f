import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openTempNetwork, type TempNetwork } from "../../../test/support/temp-network.js";
import { addIdentity } from "./add-identity.js";
import { createAccount } from "./create-account.js";
import { identityDirectoryTtlMs, lookUpIdentity } from "./identity-directory.js";

let net: TempNetwork;

beforeEach(async () => {
  net = await openTempNetwork();
});

afterEach(async () => {
  await net.close();
});

const lookUp = (value: string) => net.ctx.store.transaction((tx) => lookUpIdentity(net.ctx, tx, "ZZ", value));

describe("the identity directory", () => {
  it("sees an identity added through this node at once", async () => {
    const account = await createAccount(net.ctx, "Acme Foods");
    expect(await lookUp("ACMEFOODS")).toBeNull();
    await addIdentity(net.ctx, account.id, "ZZ:ACMEFOODS");
    expect(await lookUp("ACMEFOODS")).toMatchObject({ accountId: account.id, value: "ACMEFOODS" });
  });

  it("sees one added by another node sharing the database once its answer has aged out", async () => {
    const account = await createAccount(net.ctx, "Grocery Mart");
    expect(await lookUp("GROCERYMART")).toBeNull();
    // Written straight to the database, as another node would: this node's answer stands for a while.
    await net.ctx.store.identities.insert({
      id: "idn_other_node",
      accountId: account.id,
      qualifier: "ZZ",
      value: "GROCERYMART",
      createdAt: net.clock.now().toISOString(),
    });
    expect(await lookUp("GROCERYMART")).toBeNull();
    net.clock.advance(identityDirectoryTtlMs + 1);
    expect(await lookUp("GROCERYMART")).toMatchObject({ id: "idn_other_node" });
  });
});
