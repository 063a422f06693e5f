import type { NotifyJobPayload } from "./notify-account.js";

/**
 * The JSON a webhook receives (and an e-mail shows): the notification's id (one per notification, the same
 * in every retry, so that a receiver can drop repeats), its type, when it happened, the account, what it is
 * about (message, interchange, delivery ids) and its details.
 */
export function notificationBody(notificationId: string, n: NotifyJobPayload): string {
  return JSON.stringify({
    id: notificationId,
    type: n.type,
    at: n.at,
    accountId: n.accountId,
    subject: n.subject,
    detail: n.detail,
  });
}

const titles: Record<string, string> = {
  "mailbox.item": "A new item is in your mailbox",
  "delivery.failed": "A delivery could not be pushed",
  "ack.overdue": "An acknowledgment is overdue",
  "certificate.expiring": "A certificate expires soon",
};

/** The subject line of a notification e-mail. */
export function notificationTitle(n: NotifyJobPayload): string {
  return `OpenVAN: ${titles[n.type] ?? n.type}`;
}
