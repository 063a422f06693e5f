import { afterAll, beforeAll, describe } from "vitest";
import type { MetadataStore } from "../ports/index.js";
import { accountsContract } from "./metadata/accounts-contract.js";
import { acknowledgmentsContract } from "./metadata/acknowledgments-contract.js";
import { deliveriesContract } from "./metadata/deliveries-contract.js";
import { interchangeClaimsContract } from "./metadata/interchange-claims-contract.js";
import { jobBatchesContract } from "./metadata/job-batches-contract.js";
import { jobsContract } from "./metadata/jobs-contract.js";
import { messagesContract } from "./metadata/messages-contract.js";
import { outboundContract } from "./metadata/outbound-contract.js";
import { partnerGuidesContract } from "./metadata/partner-guides-contract.js";
import { smallBlobsContract } from "./metadata/small-blobs-contract.js";
import { trackingContract } from "./metadata/tracking-contract.js";
import { transactionsContract } from "./metadata/transactions-contract.js";
import { usersContract } from "./metadata/users-contract.js";

/**
 * What every MetadataStore must do, run against each real backend. One store serves the whole suite; each
 * test makes its own accounts, scopes and job kinds, so that tests do not see each other's records.
 * `close` runs after the store is closed, to remove what `open` made (a file, a schema).
 */
export function describeMetadataStoreContract(
  name: string,
  open: () => Promise<MetadataStore>,
  close?: () => Promise<void>,
): void {
  describe(`MetadataStore contract: ${name}`, () => {
    let opened: MetadataStore | undefined;
    const store = (): MetadataStore => {
      if (opened === undefined) throw new Error("The store is not open.");
      return opened;
    };
    beforeAll(async () => {
      opened = await open();
    });
    afterAll(async () => {
      await opened?.close();
      await close?.();
    });

    accountsContract(store);
    acknowledgmentsContract(store);
    messagesContract(store);
    deliveriesContract(store);
    trackingContract(store);
    jobsContract(store);
    jobBatchesContract(store);
    smallBlobsContract(store);
    outboundContract(store);
    transactionsContract(store);
    usersContract(store);
    interchangeClaimsContract(store);
    partnerGuidesContract(store);
  });
}
