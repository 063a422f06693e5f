export { type ConfigOverrides, type LoadConfigOptions, loadConfig } from "./load-config.js";
export type {
  BlobConfig,
  DatabaseConfig,
  HttpConfig,
  LogLevel,
  OpenVanConfig,
  SftpConfig,
  TlsConfig,
} from "./openvan-config.js";
export { parseByteSize } from "./parse-byte-size.js";
export { parseDuration } from "./parse-duration.js";
