export { generateSshKeyPair, type SshKeyPair } from "./logins/generate-ssh-key-pair.js";
export { authenticateSftp, type SftpCredential } from "./logins/sftp-authenticate.js";
export { loadSftpHostKey } from "./logins/sftp-host-key.js";
export {
  addSshKey,
  describeSftpLogin,
  removeSshKey,
  type SftpLoginChange,
  type SftpLoginView,
  setSftpLogin,
} from "./logins/sftp-login-admin.js";
export { parseSshPublicKey, type SshPublicKey, sshFingerprint } from "./logins/ssh-public-key.js";
export { parseSftpPushSettings, type SftpPushSettings } from "./push/sftp-push-settings.js";
export { type SftpPushOptions, sftpDeliveryTransport } from "./push/sftp-push-transport.js";
export type { SftpLogger } from "./server/sftp-logger.js";
export { createSftpServer, type SftpServer, type SftpServerOptions } from "./server/sftp-server.js";
