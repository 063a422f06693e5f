import type { AckProfileRecord } from "../../../storage/ports/index.js";

const choice = (description: string) => ({
  type: "string",
  enum: ["requested", "always", "never"],
  description,
});

const windows = {
  type: "object",
  additionalProperties: { type: "integer", minimum: 1, maximum: 527040 },
  description: 'Windows for some document types (ST01 / UNH 0065), in minutes, e.g. {"850": 240}.',
} as const;

/** The settings of a profile, as the API reads and writes them. */
const settings = {
  ta1: choice("TA1 for X12: when ISA14 asks for it (`requested`), `always` or `never`."),
  functional: {
    type: "string",
    enum: ["none", "auto", "997", "999"],
    description: "Functional acknowledgment for X12 groups; `auto`: 999 for 005010X2xx, else 997.",
  },
  contrl: choice("CONTRL for EDIFACT: when UNB 0031 asks for it (`requested`), `always` or `never`."),
  rejectGroupOnSetError: {
    type: "boolean",
    description: "A rejected transaction set rejects its whole group (default: the good sets are accepted).",
  },
  expectAck: choice(
    "Whether an acknowledgment is expected back from the partner, and so watched for being overdue.",
  ),
  ackWindowMinutes: {
    type: "integer",
    minimum: 1,
    maximum: 527040,
    description: "How long the partner has to acknowledge, in minutes (default 1440).",
  },
  docTypeWindows: windows,
} as const;

const identityField = (description: string) => ({ type: "string", maxLength: 40, description });

/** `PUT /ack-profiles`: the profile's key and the settings to change. */
export const ackProfileBodySchema = {
  type: "object",
  additionalProperties: false,
  properties: {
    identity: identityField(
      'The sending identity QUAL:ID; omitted or "*" for every identity of the account.',
    ),
    partner: identityField('The receiving identity QUAL:ID; omitted or "*" for every partner.'),
    ...settings,
  },
} as const;

/** `DELETE /ack-profiles`: which profile. */
export const ackProfileKeySchema = {
  type: "object",
  additionalProperties: false,
  properties: {
    identity: identityField('The sending identity, or "*" (the default) for every identity.'),
    partner: identityField('The partner, or "*" (the default) for every partner.'),
  },
} as const;

export const ackProfileSchema = {
  type: "object",
  required: ["accountId", "identity", "partner", ...Object.keys(settings), "updatedAt"],
  properties: {
    accountId: { type: "string" },
    identity: { type: "string", description: '"*" for every identity of the account.' },
    partner: { type: "string", description: '"*" for every partner.' },
    ...settings,
    updatedAt: { type: "string", format: "date-time" },
  },
} as const;

export function ackProfileView(p: AckProfileRecord): Record<string, unknown> {
  return {
    accountId: p.accountId,
    identity: p.identity === "" ? "*" : p.identity,
    partner: p.partner === "" ? "*" : p.partner,
    ta1: p.ta1,
    functional: p.functional,
    contrl: p.contrl,
    rejectGroupOnSetError: p.rejectGroupOnSetError,
    expectAck: p.expectAck,
    ackWindowMinutes: p.ackWindowMinutes,
    docTypeWindows: p.docTypeWindows,
    updatedAt: p.updatedAt,
  };
}
