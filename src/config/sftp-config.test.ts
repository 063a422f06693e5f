import { describe, expect, it } from "vitest";
import { loadConfig } from "./load-config.js";

describe("the SFTP settings", () => {
  it("listen on 2222 by default, on any free port beside an HTTP port of 0, and can be turned off", () => {
    expect(loadConfig({ env: {} }).sftp).toEqual({ port: 2222 });
    expect(loadConfig({ env: {}, overrides: { port: 0 } }).sftp).toEqual({ port: 0 });
    expect(loadConfig({ env: { OPENVAN_SFTP_PORT: "2022" }, overrides: { port: 0 } }).sftp).toEqual({
      port: 2022,
    });
    expect(loadConfig({ env: { OPENVAN_SFTP_PORT: "2022" }, overrides: { sftpPort: "0" } }).sftp).toEqual({
      port: 0,
    });
    expect(loadConfig({ env: { OPENVAN_SFTP_PORT: "off" } }).sftp).toBeNull();
    expect(loadConfig({ env: {}, overrides: { sftpPort: "OFF" } }).sftp).toBeNull();
  });

  it("refuse a port that is not one, naming the setting", () => {
    expect(() => loadConfig({ env: {}, overrides: { sftpPort: "70000" } })).toThrow(
      '--sftp-port: "70000" is not a whole number from 0 to 65535',
    );
    expect(() => loadConfig({ env: { OPENVAN_SFTP_PORT: "ssh" } })).toThrow("OPENVAN_SFTP_PORT");
  });
});
