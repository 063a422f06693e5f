import { describe, expect, it } from "vitest";
import { isOpenVanError } from "../kernel/index.js";
import { loadConfig } from "./load-config.js";

describe("notification e-mail settings", () => {
  it("has no SMTP server unless OPENVAN_SMTP_URL names one", () => {
    expect(loadConfig({ env: {} }).notifications).toEqual({
      smtpUrl: null,
      from: "OpenVAN <openvan@localhost>",
    });
    const config = loadConfig({
      env: {
        OPENVAN_SMTP_URL: "smtps://mailer:pw@smtp.example.com:465",
        OPENVAN_SMTP_FROM: "edi@van.example",
      },
    });
    expect(config.notifications).toEqual({
      smtpUrl: "smtps://mailer:pw@smtp.example.com:465",
      from: "edi@van.example",
    });
  });

  it("refuses a URL that is not smtp:// or smtps://", () => {
    for (const url of ["http://smtp.example.com", "smtp://", "mail.example.com:25"]) {
      let thrown: unknown;
      try {
        loadConfig({ env: { OPENVAN_SMTP_URL: url } });
      } catch (error) {
        thrown = error;
      }
      expect(isOpenVanError(thrown) && [thrown.code, thrown.details.setting]).toEqual([
        "CONFIG_INVALID",
        "OPENVAN_SMTP_URL",
      ]);
    }
  });
});
