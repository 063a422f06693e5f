/** The tables of migration 0006-as2 (see src/storage/ports/as2.ts for the meaning of each column). */
export interface As2CertificatesTable {
  id: string;
  owner: string;
  usage: string;
  der: Uint8Array;
  private_key_pem: string | null;
  subject: string;
  serial: string;
  not_before: string;
  not_after: string;
  sha256: string;
  created_at: string;
  expiry_warned_at: string | null;
}

export interface As2ProfilesTable {
  id: string;
  account_id: string;
  as2_id: string;
  url: string | null;
  legacy: number;
  allow_rsa_pkcs1: number;
  require_signed: number;
  require_encrypted: number;
  sign_digest: string | null;
  cipher: string | null;
  key_transport: string;
  compress: number;
  mdn: string;
  mdn_signed: number;
  created_at: string;
}

export interface As2MessagesTable {
  id: string;
  direction: string;
  profile_id: string;
  message_id: string;
  openvan_id: string | null;
  mic: string | null;
  disposition: string | null;
  mdn_headers: string | null;
  mdn_body: Uint8Array | null;
  mdn_url: string | null;
  created_at: string;
  mdn_at: string | null;
}
