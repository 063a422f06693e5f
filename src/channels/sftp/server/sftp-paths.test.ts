import { describe, expect, it } from "vitest";
import { normalizeSftpPath, sftpPlace } from "./sftp-paths.js";

describe("sftpPlace", () => {
  it("knows the root, the two folders, their entries, and nothing else", () => {
    expect(sftpPlace("")).toEqual({ kind: "root" });
    expect(sftpPlace(".")).toEqual({ kind: "root" });
    expect(sftpPlace("/outbox/")).toEqual({ kind: "outbox" });
    expect(sftpPlace("outbox/po.edi")).toEqual({ kind: "outbox-entry", name: "po.edi" });
    expect(sftpPlace("/outbox/ZZ:GROCERYMART/prices.csv")).toEqual({
      kind: "outbox-addressed",
      to: "ZZ:GROCERYMART",
      name: "prices.csv",
    });
    expect(sftpPlace("/inbox")).toEqual({ kind: "inbox" });
    expect(sftpPlace("/inbox/item.edi")).toEqual({ kind: "inbox-item", name: "item.edi" });
    expect(sftpPlace("/etc/passwd")).toEqual({ kind: "none", path: "/etc/passwd" });
    expect(sftpPlace("/outbox/a/b/c")).toEqual({ kind: "none", path: "/outbox/a/b/c" });
    expect(sftpPlace("/inbox/a/b")).toEqual({ kind: "none", path: "/inbox/a/b" });
  });

  it("stops `..` at the root, as a chroot does", () => {
    expect(normalizeSftpPath("/inbox/../../..")).toBe("/");
    expect(sftpPlace("../../etc/passwd")).toEqual({ kind: "none", path: "/etc/passwd" });
    expect(sftpPlace("/outbox/ZZ:X/../../inbox/../outbox/./po.edi")).toEqual({
      kind: "outbox-entry",
      name: "po.edi",
    });
    expect(sftpPlace("//inbox//x")).toEqual({ kind: "inbox-item", name: "x" });
  });
});
