/**
 * Partner guides: implementation guides that an account adds through the API, for all of its trading partners
 * or for one (the partner whose documents the guide checks), layered over the built-in guides when the network
 * validates what it acknowledges.
 */
export interface PartnerGuideRecord {
  /** The API id (`gde_…`). */
  readonly id: string;
  readonly accountId: string;
  /** The partner identity (`QUAL:ID`) whose documents the guide checks; "" for every partner of the account. */
  readonly partner: string;
  /** The `id` inside the guide document: unique within the account. */
  readonly guideId: string;
  /** The guide document (the guide format of docs/guides.md), checked when it was written. */
  readonly document: Readonly<Record<string, unknown>>;
  /** 1 when created, one more on each change. */
  readonly version: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface PartnerGuideRepository {
  /** Throws GUIDE_ID_TAKEN when the account has a guide with the same guide id. */
  insert(guide: PartnerGuideRecord): Promise<void>;
  /**
   * Replaces the partner, guide id and document, sets the version and the update time, only while the stored
   * version is `expectedVersion`; false when it was not (or there is no such guide of the account).
   */
  update(guide: PartnerGuideRecord, expectedVersion: number): Promise<boolean>;
  get(accountId: string, id: string): Promise<PartnerGuideRecord | null>;
  /** The account's guides, oldest first. */
  listByAccount(accountId: string): Promise<readonly PartnerGuideRecord[]>;
  /** False when the account has no guide of this id. */
  delete(accountId: string, id: string): Promise<boolean>;
}
