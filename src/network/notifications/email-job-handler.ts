import type { SimpleJobHandler } from "../jobs/job-handler.js";
import type { NotificationMailer } from "./mailer.js";
import { notificationTitle } from "./notification-body.js";
import type { EmailJobPayload } from "./notify-job-handler.js";

/**
 * The notify_email job: mails one notification. A failure (EMAIL_SEND_FAILED) is retried by the job runner
 * with backoff. Every attempt carries the same Message-ID, so a mail that went out twice (the server took it,
 * the answer was lost) is recognisably one.
 */
export function emailJobHandler(mailer: NotificationMailer, domain = "openvan"): SimpleJobHandler {
  return async (job) => {
    const { notificationId, to, notification } = job.payload as unknown as EmailJobPayload;
    const lines = [
      notificationTitle(notification).replace(/^OpenVAN: /, ""),
      "",
      `Type: ${notification.type}`,
      `At: ${notification.at}`,
      `Account: ${notification.accountId}`,
      ...Object.entries(notification.subject)
        .filter(([, value]) => value !== null && value !== undefined)
        .map(([key, value]) => `${key}: ${String(value)}`),
      "",
      JSON.stringify(notification.detail, null, 2),
      "",
      `Notification ${notificationId}`,
    ];
    await mailer.send({
      to,
      subject: notificationTitle(notification),
      text: `${lines.join("\n")}\n`,
      messageId: `<${notificationId}@${domain}>`,
    });
  };
}
