import type { DeliveryRecord } from "../../../storage/ports/index.js";

/**
 * The file name of a mailbox item in `/inbox`: `<received>_<from>_<doctypes>_<item id>.<ext>`, e.g.
 * `20260301T090000Z_ZZ-ACMEFOODS_850_dlv_01….edi`. It sorts by arrival, says who sent what, and ends with the
 * item id, which is all OpenVAN reads back from it. A file that is not EDI keeps the name it was sent with
 * after the id, so its extension survives: `…_file_dlv_01…_invoice.pdf`.
 */
export function inboxItemName(item: DeliveryRecord, sentAs: string | null): string {
  const received = item.createdAt.replace(/[-:]/g, "").replace(/\.\d+/, "");
  const from = safe(item.fromIdentity);
  if (item.format === "file") {
    const original = sentAs === null ? "" : safe(sentAs);
    return `${received}_${from}_file_${item.id}${original === "" ? ".dat" : `_${original}`}`;
  }
  const types = item.docTypes.length === 0 ? item.format : item.docTypes.map(safe).join("-");
  return `${received}_${from}_${types}_${item.id}.edi`;
}

/** The item id inside an inbox file name, or null when the name has none. */
export function itemIdOfName(name: string): string | null {
  return /_(dlv_[0-9a-z]{26})(?:\.edi|\.dat|_.+)$/.exec(name)?.[1] ?? null;
}

/** Letters, digits, `.` and `-` only: names that every client's file system takes. */
function safe(text: string): string {
  return text
    .replace(/[^A-Za-z0-9.-]+/g, "-")
    .replace(/^[.-]+|-+$/g, "")
    .slice(0, 60);
}
