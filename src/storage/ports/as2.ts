/** A certificate of an AS2 party: the network's own (with its private key) or a partner's. */
export interface As2CertificateRecord {
  readonly id: string;
  /** `network` for this network's own certificates; otherwise the id of the partner profile it belongs to. */
  readonly owner: string;
  /** What it is used for: `sign` verifies/makes signatures, `encrypt` encrypts/decrypts; `both` for one pair. */
  readonly usage: "sign" | "encrypt" | "both";
  readonly der: Uint8Array;
  /** PKCS#8 PEM; only for the network's own certificates. */
  readonly privateKeyPem: string | null;
  readonly subject: string;
  readonly serial: string;
  readonly notBefore: string;
  readonly notAfter: string;
  readonly sha256: string;
  readonly createdAt: string;
  /** When the expiry warning was given (once per certificate). */
  readonly expiryWarnedAt: string | null;
}

/** An account's AS2 profile: the AS2 id it sends from, how its messages must be secured, how to send to it. */
export interface As2ProfileRecord {
  readonly id: string;
  readonly accountId: string;
  readonly as2Id: string;
  /** Where OpenVAN sends this account's deliveries over AS2; null when it only sends to OpenVAN. */
  readonly url: string | null;
  /** Accept SHA-1 signatures and 3DES (older partner software). */
  readonly legacy: boolean;
  /** Accept RSA PKCS#1 v1.5 key transport (most partners' default); false: RSA-OAEP only. */
  readonly allowRsaPkcs1: boolean;
  readonly requireSigned: boolean;
  readonly requireEncrypted: boolean;
  /** Outbound: `sha256` … or null for unsigned. */
  readonly signDigest: string | null;
  /** Outbound: `aes-256-cbc` … or null for unencrypted. */
  readonly cipher: string | null;
  readonly keyTransport: string;
  readonly compress: boolean;
  /** Outbound: the MDN asked for: `sync`, `async` or `none`. */
  readonly mdn: "sync" | "async" | "none";
  readonly mdnSigned: boolean;
  readonly createdAt: string;
}

/** One AS2 message in or out, by its Message-ID, with the MDN sent or received for it. */
export interface As2MessageRecord {
  readonly id: string;
  readonly direction: "in" | "out";
  /** The partner profile. */
  readonly profileId: string;
  /** The Message-ID header, without its angle brackets. */
  readonly messageId: string;
  /** The OpenVAN message it became (in) or the delivery it carried (out). */
  readonly openvanId: string | null;
  readonly mic: string | null;
  readonly disposition: string | null;
  /** The MDN as sent (in) or received (out): its MIME headers as JSON pairs, and its body. */
  readonly mdnHeaders: string | null;
  readonly mdnBody: Uint8Array | null;
  /** Async MDN: the URL it goes to (in) or is expected on (out). */
  readonly mdnUrl: string | null;
  readonly createdAt: string;
  readonly mdnAt: string | null;
}

export interface As2Repository {
  insertCertificate(certificate: As2CertificateRecord): Promise<void>;
  listCertificates(owner: string): Promise<readonly As2CertificateRecord[]>;
  deleteCertificate(id: string): Promise<boolean>;
  /** Certificates whose end is before `before` and that were not warned about yet. */
  listExpiring(before: string): Promise<readonly As2CertificateRecord[]>;
  /** Marks the warning given; false when another node did it first. */
  markExpiryWarned(id: string, at: string): Promise<boolean>;
  /** Throws AS2_ID_TAKEN when the AS2 id is used by another profile. */
  insertProfile(profile: As2ProfileRecord): Promise<void>;
  updateProfile(profile: As2ProfileRecord): Promise<void>;
  getProfile(id: string): Promise<As2ProfileRecord | null>;
  findProfileByAs2Id(as2Id: string): Promise<As2ProfileRecord | null>;
  listProfiles(accountId: string | null): Promise<readonly As2ProfileRecord[]>;
  deleteProfile(id: string): Promise<boolean>;
  /** False when a record of this direction, profile and Message-ID exists already. */
  insertMessage(message: As2MessageRecord): Promise<boolean>;
  findMessage(
    direction: "in" | "out",
    profileId: string,
    messageId: string,
  ): Promise<As2MessageRecord | null>;
  getMessage(id: string): Promise<As2MessageRecord | null>;
  /** Records the MDN of an outbound message (sync answer or async POST). */
  setMdn(
    id: string,
    mdn: Pick<As2MessageRecord, "disposition" | "mdnHeaders" | "mdnBody" | "mdnAt">,
  ): Promise<void>;
}
