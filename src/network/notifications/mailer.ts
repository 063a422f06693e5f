import type { Transporter } from "nodemailer";
import { OpenVanError } from "../../kernel/index.js";

export interface NotificationEmail {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  /** The same for every attempt of one notification, so that a mail sent twice is recognisably one. */
  readonly messageId: string;
}

/** Sends notification e-mails; throws EMAIL_SEND_FAILED when the server does not take one. */
export interface NotificationMailer {
  send(email: NotificationEmail): Promise<void>;
  close(): void;
}

/**
 * A mailer over SMTP (nodemailer): `url` is `smtp://user:pass@host:port` or `smtps://…` (TLS from the start);
 * `from` is the sender address of every notification.
 */
export function smtpMailer(url: string, from: string): NotificationMailer {
  // nodemailer is loaded with the first mail: most nodes send none, and it costs memory in every process.
  let transport: Promise<Transporter> | null = null;
  const open = (): Promise<Transporter> =>
    (transport ??= import("nodemailer").then(({ createTransport }) => createTransport(url)));
  return {
    async send(email) {
      try {
        await (await open()).sendMail({
          from,
          to: email.to,
          subject: email.subject,
          text: email.text,
          messageId: email.messageId,
        });
      } catch (error) {
        throw new OpenVanError(
          "EMAIL_SEND_FAILED",
          `the SMTP server did not take the notification to ${email.to}: ${error instanceof Error ? error.message : String(error)}`,
          { to: email.to },
          { cause: error },
        );
      }
    },
    close() {
      void transport?.then((opened) => opened.close());
    },
  };
}
