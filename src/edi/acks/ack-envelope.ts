import type { ControlNumberSource } from "../control-numbers.js";
import { type Delimiters, x12DefaultDelimiters } from "../delimiters.js";
import type { InterchangeJson, SegmentJson } from "../edi-json.js";
import { buildInterchange, type GroupSpec, type SetSpec } from "../envelope-builder.js";
import type { Interchange } from "../envelope-model.js";

/**
 * An X12 interchange answering `original`: addressed back to its sender, with its delimiters (so that any
 * value copied from it can be written back) and its test indicator, asking for no acknowledgment itself.
 */
export function x12Reply(
  original: Interchange,
  version: string,
  groups: readonly GroupSpec[],
  controls: ControlNumberSource,
  now: Date,
): InterchangeJson {
  return buildInterchange(
    {
      standard: "x12",
      sender: original.receiver,
      receiver: original.sender,
      version,
      test: original.test,
      ackRequested: false,
      delimiters: replyDelimiters(original.delimiters, version),
      groups,
    },
    controls,
    now,
  );
}

/**
 * An EDIFACT interchange answering `original` with `messages` outside groups: in its syntax identifier and
 * version, with its service characters when it declared them in a UNA, addressed back to its sender.
 */
export function edifactReply(
  original: Interchange,
  messages: readonly SetSpec[],
  controls: ControlNumberSource,
  now: Date,
): InterchangeJson {
  return buildInterchange(
    {
      standard: "edifact",
      sender: original.receiver,
      receiver: original.sender,
      version: original.version || "4",
      syntaxId: original.syntaxId ?? "UNOC",
      test: original.test,
      ackRequested: false,
      ...(original.serviceStringAdvice ? { delimiters: original.delimiters } : {}),
      messages,
    },
    controls,
    now,
  );
}

/**
 * The delimiters of an X12 reply: the original's, without a repetition separator before version 00402, and
 * with one chosen from 00402 on when the original had none.
 */
export function replyDelimiters(original: Delimiters, version: string): Delimiters {
  // A delimiter that is not one ASCII byte (a UTF-8 terminator, a no-break space) cannot be written in the
  // one-byte ISA slots of the reply: such a reply uses the usual delimiters instead.
  const oneByte = [original.element, original.component, original.segment, original.repetition ?? "^"].every(
    (c) => c.length === 1 && c.charCodeAt(0) < 0x7f,
  );
  const d = oneByte ? original : { ...x12DefaultDelimiters, repetition: null };
  if (Number(version) < 402) return { ...d, repetition: null };
  if (d.repetition !== null) return d;
  const taken = [d.element, d.component, d.segment];
  const repetition = ["^", "{", "|", "}", "!"].find((c) => !taken.includes(c)) ?? null;
  return { ...d, repetition };
}

/** ISA12 of an acknowledgment answering an interchange of version `isa12`: the same, when it is valid. */
export function replyIsaVersion(isa12: string): string {
  return /^\d{5}$/.test(isa12) ? isa12 : "00501";
}

/** The version family of a group (GS08 `005010X222A1` -> `005010`), else the one of the interchange's ISA12. */
export function versionFamily(groupVersion: string | null, isa12: string): string {
  const family = /^\d{6}/.exec(groupVersion ?? "")?.[0];
  return family ?? `${replyIsaVersion(isa12)}0`;
}

/**
 * A value copied from the original into an acknowledgment, when it can be written back unchanged: printable
 * ASCII without the reply's delimiters (X12 has no release character), at most `max` characters.
 */
export function copyable(value: string | undefined, d: Delimiters, max = 99): string | undefined {
  if (value === undefined || value === "" || !/^[\x20-\x7e]*$/.test(value)) return undefined;
  const delimiters = [d.element, d.component, d.segment, d.repetition ?? ""].filter((c) => c !== "");
  if (delimiters.some((c) => value.includes(c))) return undefined;
  return value.slice(0, max);
}

/** A segment without its trailing empty elements. */
export function segment(tag: string, ...elements: Array<string | string[] | undefined>): SegmentJson {
  const values = elements.map((e) => e ?? "");
  while (values.length > 0 && isEmpty(values[values.length - 1])) values.pop();
  return [tag, ...values.map((v) => (Array.isArray(v) ? trimComponents(v) : v))];
}

function isEmpty(value: string | string[] | undefined): boolean {
  return value === undefined || (Array.isArray(value) ? value.every((c) => c === "") : value === "");
}

function trimComponents(components: string[]): string | string[] {
  const out = [...components];
  while (out.length > 1 && out[out.length - 1] === "") out.pop();
  return out.length === 1 ? (out[0] as string) : out;
}
