import { describe, expect, it } from "vitest";
import { generateSshKeyPair } from "./generate-ssh-key-pair.js";
import { parseSshPublicKey } from "./ssh-public-key.js";

// A 1024-bit RSA public key written by OpenSSH 9.2's ssh-keygen (ssh-keygen -t rsa -b 1024).
const rsa1024 =
  "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAAAgQDC7IQvYybAuhS6jQeyTsjYmN5gyC0zPf75lemjSJDGGwboGBCT6klQKaMTWXsFsW7FO56svReu+AobGsy0CqTyKCv9X59HfEKypxslDMMexoh5DtcU57q+4ElkMkxK91RYuWoBAAmZrSagfbT3Gjzy0/MSqlOekAzU3tWlWPS07Q== old@test";

describe("parseSshPublicKey", () => {
  it("takes an ed25519 key, with its SHA256 fingerprint and comment", () => {
    const pair = generateSshKeyPair("alice@example");
    const key = parseSshPublicKey(`${pair.publicKey}\n`);
    expect(key).toMatchObject({ algorithm: "ssh-ed25519", bits: 256, comment: "alice@example" });
    expect(key.fingerprint).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
    expect(key.publicKey).toBe(pair.publicKey.split(" ").slice(0, 2).join(" "));
  });

  it("refuses RSA under 2048 bits, DSA, certificates, private keys and garbage, saying why", () => {
    const refused = (text: string) => {
      try {
        parseSshPublicKey(text);
      } catch (error) {
        return (error as { code: string; message: string }).code + ": " + (error as Error).message;
      }
      return "taken";
    };
    expect(refused(rsa1024)).toBe(
      "SSH_KEY_INVALID: SSH public key refused: this RSA key has 1024 bits; OpenVAN takes RSA keys of 2048 bits or more",
    );
    expect(refused("ssh-dss AAAAB3NzaC1kc3M=")).toContain("DSA keys are too weak");
    expect(refused("ssh-ed25519-cert-v01@openssh.com AAAA")).toContain("certificates are not taken");
    expect(refused(generateSshKeyPair("x").privateKey)).toContain("this is a private key");
    expect(refused("")).toContain("the key is empty");
    expect(refused("ssh-ed25519 AAAA!!")).toContain("not base64");
    expect(refused("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5")).toContain("not a valid ssh-ed25519 key");
    expect(refused("hello world")).toContain('"hello" is not an SSH public key type');
    const ed = generateSshKeyPair("y").publicKey.split(" ")[1];
    expect(refused(`ssh-rsa ${ed}`)).toMatch(/not a valid ssh-rsa key|is a ssh-ed25519 key/);
  });
});
