/** Whether an UPDATE or DELETE touched a row (Kysely reports counts as bigint). */
export function touchedAny(result: {
  readonly numUpdatedRows?: bigint;
  readonly numDeletedRows?: bigint;
}): boolean {
  return (result.numUpdatedRows ?? result.numDeletedRows ?? 0n) > 0n;
}
