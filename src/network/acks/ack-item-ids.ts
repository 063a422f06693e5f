/**
 * Ids of the items of one interchange, made from the interchange's id so that a retried job records the same
 * items (and the insert skips those that exist). They sort interchange, then groups, then sets, in input order.
 */
export function interchangeItemId(interchangeId: string): string {
  return `aki_${interchangeId}`;
}

export function groupItemId(interchangeId: string, group: number): string {
  return `aki_${interchangeId}_g${pad(group)}`;
}

export function setItemId(interchangeId: string, group: number, set: number): string {
  return `aki_${interchangeId}_g${pad(group)}_s${pad(set)}`;
}

function pad(n: number): string {
  return String(n).padStart(6, "0");
}
