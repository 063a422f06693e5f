/** The slice of a pino logger the SFTP channel writes to. */
export interface SftpLogger {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}
