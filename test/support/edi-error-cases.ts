import type { EdiError } from "../../src/edi/index.js";

/**
 * One input and one fault the reader must report for it: the code, where (offset, segment position, tag,
 * element, position inside the set) and the acknowledgment codes. Offsets are found in the input text, so
 * each case reads as "the fault is at this place".
 */
export interface ErrorCase {
  readonly name: string;
  readonly input: string;
  readonly expected: Partial<EdiError> & Pick<EdiError, "code">;
}

export const x12Isa =
  "ISA*00*          *00*          *ZZ*ACMEFOODS      *ZZ*GROCERYCO      *240315*0930*^*00501*000000101*0*P*>~";
const gs = "GS*PO*ACMEFOODS*GROCERYCO*20240315*0930*101*X*005010";

/** An X12 interchange: the ISA above, then each segment followed by `~`. */
export function x12(...segments: string[]): string {
  return x12Isa + segments.map((s) => `${s}~`).join("");
}

const unb = "UNB+UNOC:3+SENDER:14+RECEIVER:14+240315:0930+REF1";

/** An EDIFACT interchange with a UNA and the UNB above, then each segment followed by `'`. */
export function edifact(...segments: string[]): string {
  return `UNA:+.? '${[unb, ...segments].map((s) => `${s}'`).join("")}`;
}

/** Offset of `needle` in `input` plus `delta`; throws when the needle is missing, so a case cannot drift. */
export function at(input: string, needle: string, delta = 0): number {
  const i = input.indexOf(needle);
  if (i < 0) throw new Error(`"${needle}" is not in the input`);
  return i + delta;
}

function c(name: string, input: string, expected: ErrorCase["expected"]): ErrorCase {
  return { name, input, expected };
}

const set850 = ["ST*850*0001", "BEG*00*SA*PO-1**20240315"];

function x12Cases(): ErrorCase[] {
  const seCount = x12(gs, ...set850, "SE*9*0001", "GE*1*101", "IEA*1*000000101");
  const seControl = x12(gs, ...set850, "SE*3*0002", "GE*1*101", "IEA*1*000000101");
  const geCount = x12(gs, ...set850, "SE*3*0001", "GE*2*101", "IEA*1*000000101");
  const geControl = x12(gs, ...set850, "SE*3*0001", "GE*1*102", "IEA*1*000000101");
  const ieaCount = x12(gs, ...set850, "SE*3*0001", "GE*1*101", "IEA*2*000000101");
  const ieaControl = x12(gs, ...set850, "SE*3*0001", "GE*1*101", "IEA*1*000000102");
  const noSe = x12(gs, ...set850, "GE*1*101", "IEA*1*000000101");
  const noGe = x12(gs, ...set850, "SE*3*0001", "IEA*1*000000101");
  const noIea = x12(gs, ...set850, "SE*3*0001", "GE*1*101");
  const nextIsa = `${noIea}\n${x12("IEA*0*000000101")}`;
  const outsideSet = x12(gs, "BEG*00*SA*PO-1**20240315", "GE*0*101", "IEA*1*000000101");
  const outsideGroup = x12(...set850, "SE*3*0001", "IEA*0*000000101");
  const seAlone = x12(gs, "SE*1*0001", "GE*0*101", "IEA*1*000000101");
  const geAlone = x12("GE*0*101", "IEA*0*000000101");
  const gsEmpty = x12("GS*PO*ACMEFOODS*GROCERYCO*20240315*0930**X*005010", "GE*0", "IEA*1*000000101");
  const stShort = x12(gs, "ST*850", "SE*2", "GE*1*101", "IEA*1*000000101");
  const badTag = x12(gs, "ST*850*0001", "b3*1", "SE*3*0001", "GE*1*101", "IEA*1*000000101");
  const binText = x12(gs, "ST*275*0001", "BIN*X4*abcd", "SE*3*0001", "GE*1*101", "IEA*1*000000101");
  const binShort = x12(gs, "ST*275*0001", "BIN*10*abcd", "SE*3*0001", "GE*1*101", "IEA*1*000000101");
  const binEnd = `${x12(gs, "ST*275*0001")}BIN*100*abcd`;
  const isa16 = x12Isa.replace(">~", ">G");
  const compact = "ISA*00* *00* *ZZ*ACME *ZZ*GROCER *240315*0930*^*00501*000000101*0*P*>~IEA*0*000000101~";
  const version = x12Isa.replace("00501", "0050X");
  const junkAfter = `${x12("IEA*0*000000101")}\nTRAILING NOTE`;
  return [
    c("SE01 differs from the segment count", seCount, {
      code: "EDI_SET_COUNT_MISMATCH", offset: at(seCount, "SE*9", 3), segment: 5, tag: "SE", element: 1, setPosition: 3,
      ack: { set: "4", contrl: "29" },
    }),
    c("SE02 differs from ST02", seControl, {
      code: "EDI_SET_CONTROL_MISMATCH", offset: at(seControl, "SE*3*0002", 5), segment: 5, tag: "SE", element: 2,
      ack: { set: "3", contrl: "28" },
    }),
    c("GE01 differs from the number of sets", geCount, {
      code: "EDI_GROUP_COUNT_MISMATCH", offset: at(geCount, "GE*2", 3), segment: 6, tag: "GE", element: 1,
      ack: { group: "5", contrl: "29" },
    }),
    c("GE02 differs from GS06", geControl, {
      code: "EDI_GROUP_CONTROL_MISMATCH", offset: at(geControl, "GE*1*102", 5), segment: 6, tag: "GE", element: 2,
      ack: { group: "4", contrl: "28" },
    }),
    c("IEA01 differs from the number of groups", ieaCount, {
      code: "EDI_INTERCHANGE_COUNT_MISMATCH", offset: at(ieaCount, "IEA*2", 4), segment: 7, tag: "IEA", element: 1,
      ack: { ta1: "021", contrl: "29" },
    }),
    c("IEA02 differs from ISA13", ieaControl, {
      code: "EDI_INTERCHANGE_CONTROL_MISMATCH", offset: at(ieaControl, "IEA*1*000000102", 6), segment: 7, tag: "IEA",
      element: 2, ack: { ta1: "001", contrl: "28" },
    }),
    c("a set has no SE before GE", noSe, {
      code: "EDI_SET_TRAILER_MISSING", offset: at(noSe, "GE*"), segment: 5, ack: { set: "2", contrl: "13" },
    }),
    c("a group has no GE before IEA", noGe, {
      code: "EDI_GROUP_TRAILER_MISSING", offset: at(noGe, "IEA*"), segment: 6, ack: { ta1: "024", group: "3", contrl: "13" },
    }),
    c("the input ends before IEA", noIea, {
      code: "EDI_INTERCHANGE_TRAILER_MISSING", offset: noIea.length, segment: 6, ack: { ta1: "023", contrl: "13" },
    }),
    c("another ISA comes before IEA", nextIsa, {
      code: "EDI_INTERCHANGE_TRAILER_MISSING", offset: noIea.length + 1, segment: 7, ack: { ta1: "023", contrl: "13" },
    }),
    c("a segment stands between GS and ST", outsideSet, {
      code: "EDI_SEGMENT_OUTSIDE_SET", offset: at(outsideSet, "BEG*"), segment: 3, tag: "BEG",
      ack: { ta1: "024", segment: "2", contrl: "33" },
    }),
    c("ST stands outside any GS", outsideGroup, {
      code: "EDI_SEGMENT_OUTSIDE_SET", offset: at(outsideGroup, "ST*"), segment: 2, tag: "ST",
    }),
    c("SE has no ST", seAlone, { code: "EDI_SEGMENT_OUTSIDE_SET", offset: at(seAlone, "SE*"), segment: 3, tag: "SE" }),
    c("GE has no GS", geAlone, { code: "EDI_SEGMENT_OUTSIDE_SET", offset: at(geAlone, "GE*"), segment: 2, tag: "GE" }),
    c("GS06 is empty", gsEmpty, {
      code: "EDI_HEADER_INVALID", offset: at(gsEmpty, "**X*", 1), segment: 2, tag: "GS", element: 6,
      ack: { ta1: "024", group: "1", set: "5", contrl: "13" },
    }),
    c("ST02 is absent", stShort, {
      code: "EDI_HEADER_INVALID", offset: at(stShort, "ST*850~", 6), segment: 3, tag: "ST", element: 2,
    }),
    c("a tag is lower case", badTag, {
      code: "EDI_INVALID_SEGMENT_TAG", offset: at(badTag, "b3*"), segment: 4, tag: "b3", ack: { segment: "1", contrl: "14" },
    }),
    c("BIN01 is not a number", binText, {
      code: "EDI_BINARY_LENGTH_INVALID", offset: at(binText, "X4"), segment: 4, tag: "BIN", element: 1,
      ack: { segment: "8", element: "6", contrl: "12" },
    }),
    c("BIN01 does not end the data at a terminator", binShort, {
      code: "EDI_BINARY_LENGTH_INVALID", offset: at(binShort, "10*"), segment: 4, tag: "BIN", element: 1,
    }),
    c("the input ends inside BIN data", binEnd, {
      code: "EDI_BINARY_LENGTH_INVALID", offset: at(binEnd, "abcd"), segment: 4, tag: "BIN", element: 2,
    }),
    c("the byte after ISA16 is a letter", isa16, {
      code: "EDI_ISA_INVALID", offset: 105, segment: 1, tag: "ISA", element: 16, ack: { ta1: "026", contrl: "20" },
    }),
    c("the input ends inside the ISA", x12Isa.slice(0, 60), {
      code: "EDI_TRUNCATED", offset: 0, segment: 1, tag: "ISA", ack: { ta1: "023", contrl: "13" },
    }),
    c("ISA fields are not padded", compact, {
      code: "EDI_ISA_FIELD_WIDTH", offset: 7, segment: 1, tag: "ISA", element: 2, ack: { ta1: "011", contrl: "20" },
    }),
    c("ISA12 is not a version", version, {
      code: "EDI_ISA_FIELD_VALUE", offset: at(version, "0050X"), segment: 1, tag: "ISA", element: 12,
      ack: { ta1: "017", contrl: "20" },
    }),
    c("the input is not EDI", "Dear partner,\nplease see the attached PDF.\n", {
      code: "EDI_NO_ENVELOPE", offset: 0, segment: 0, ack: { ta1: "024", contrl: "13" },
    }),
    c("text follows the last interchange", junkAfter, {
      code: "EDI_UNEXPECTED_DATA", offset: at(junkAfter, "TRAILING"), segment: 0, ack: { ta1: "024", contrl: "33" },
    }),
  ];
}

function edifactCases(): ErrorCase[] {
  const msg = ["UNH+1+ORDERS:D:96A:UN", "BGM+220+PO-1+9"];
  const ung = "UNG+ORDERS+SENDAPP+RECVAPP+240315:0930+G1+UN+D:96A";
  const untCount = edifact(...msg, "UNT+9+1", "UNZ+1+REF1");
  const untControl = edifact(...msg, "UNT+3+2", "UNZ+1+REF1");
  const unzCount = edifact(...msg, "UNT+3+1", "UNZ+2+REF1");
  const unzControl = edifact(...msg, "UNT+3+1", "UNZ+1+REF2");
  const uneCount = edifact(ung, ...msg, "UNT+3+1", "UNE+2+G1", "UNZ+1+REF1");
  const uneControl = edifact(ung, ...msg, "UNT+3+1", "UNE+1+G2", "UNZ+1+REF1");
  const noUnt = edifact(...msg, "UNZ+1+REF1");
  const noUne = edifact(ung, ...msg, "UNT+3+1", "UNZ+1+REF1");
  const noUnz = edifact(...msg, "UNT+3+1");
  const mixedAfter = edifact(ung, ...msg, "UNT+3+1", "UNE+1+G1", "UNH+2+ORDERS:D:96A:UN", "UNT+2+2", "UNZ+2+REF1");
  const mixedBefore = edifact(...msg, "UNT+3+1", ung, "UNE+0+G1", "UNZ+2+REF1");
  const unbEmpty = "UNB+UNOC:3+SENDER:14++240315:0930+REF1'UNZ+0+REF1'";
  const unhShort = edifact("UNH+1", "UNT+2+1", "UNZ+1+REF1");
  const badTag = edifact(...msg, "Qty+21:4", "UNT+4+1", "UNZ+1+REF1");
  const outside = edifact("BGM+220+PO-1+9", "UNZ+0+REF1");
  const noUnb = "UNA:+.? 'UNH+1+ORDERS:D:96A:UN'UNT+2+1'";
  return [
    c("UNT01 differs from the segment count", untCount, {
      code: "EDI_SET_COUNT_MISMATCH", offset: at(untCount, "UNT+9", 4), segment: 5, tag: "UNT", element: 1, setPosition: 3,
      ack: { set: "4", contrl: "29" },
    }),
    c("UNT02 differs from UNH01", untControl, {
      code: "EDI_SET_CONTROL_MISMATCH", offset: at(untControl, "UNT+3+2", 6), segment: 5, tag: "UNT", element: 2,
      ack: { set: "3", contrl: "28" },
    }),
    c("UNZ01 differs from the number of messages", unzCount, {
      code: "EDI_INTERCHANGE_COUNT_MISMATCH", offset: at(unzCount, "UNZ+2", 4), segment: 6, tag: "UNZ", element: 1,
      ack: { ta1: "021", contrl: "29" },
    }),
    c("UNZ02 differs from UNB05", unzControl, {
      code: "EDI_INTERCHANGE_CONTROL_MISMATCH", offset: at(unzControl, "REF2"), segment: 6, tag: "UNZ", element: 2,
      ack: { ta1: "001", contrl: "28" },
    }),
    c("UNE01 differs from the number of messages", uneCount, {
      code: "EDI_GROUP_COUNT_MISMATCH", offset: at(uneCount, "UNE+2", 4), segment: 7, tag: "UNE", element: 1,
      ack: { group: "5", contrl: "29" },
    }),
    c("UNE02 differs from UNG05", uneControl, {
      code: "EDI_GROUP_CONTROL_MISMATCH", offset: at(uneControl, "G2"), segment: 7, tag: "UNE", element: 2,
      ack: { group: "4", contrl: "28" },
    }),
    c("a message has no UNT", noUnt, { code: "EDI_SET_TRAILER_MISSING", offset: at(noUnt, "UNZ"), segment: 5 }),
    c("a group has no UNE", noUne, { code: "EDI_GROUP_TRAILER_MISSING", offset: at(noUne, "UNZ"), segment: 7 }),
    c("the input ends before UNZ", noUnz, {
      code: "EDI_INTERCHANGE_TRAILER_MISSING", offset: noUnz.length, segment: 5, ack: { ta1: "023", contrl: "13" },
    }),
    c("a message follows a group", mixedAfter, {
      code: "EDI_GROUPS_AND_MESSAGES_MIXED", offset: at(mixedAfter, "UNH+2"), segment: 8, tag: "UNH", ack: { contrl: "30" },
    }),
    c("a group follows a message", mixedBefore, {
      code: "EDI_GROUPS_AND_MESSAGES_MIXED", offset: at(mixedBefore, "UNG"), segment: 6, tag: "UNG",
    }),
    c("UNB03 is empty", unbEmpty, {
      code: "EDI_HEADER_INVALID", offset: at(unbEmpty, "++", 1), segment: 1, tag: "UNB", element: 3,
      ack: { ta1: "024", group: "1", set: "5", contrl: "13" },
    }),
    c("UNH02 is absent", unhShort, {
      code: "EDI_HEADER_INVALID", offset: at(unhShort, "UNH+1'", 5), segment: 3, tag: "UNH", element: 2,
    }),
    c("a tag is not three capital letters", badTag, {
      code: "EDI_INVALID_SEGMENT_TAG", offset: at(badTag, "Qty"), segment: 5, tag: "Qty", ack: { segment: "1", contrl: "14" },
    }),
    c("a segment stands outside any message", outside, {
      code: "EDI_SEGMENT_OUTSIDE_SET", offset: at(outside, "BGM"), segment: 3, tag: "BGM", ack: { ta1: "024", segment: "2", contrl: "33" },
    }),
    c("a UNA is not followed by UNB", noUnb, {
      code: "EDI_INTERCHANGE_HEADER_MISSING", offset: 0, segment: 1, tag: "UNA", ack: { ta1: "024", contrl: "13" },
    }),
    c("UNA names a letter", "UNA:+.?X'UNB+UNOC:3+S+R+240315:0930+X'UNZ+0+X'", {
      code: "EDI_UNA_INVALID", offset: 7, segment: 1, tag: "UNA", element: 5, ack: { contrl: "20" },
    }),
    c("the input ends inside the UNA", "UNA:+.", { code: "EDI_TRUNCATED", offset: 0, segment: 1, tag: "UNA" }),
    c("the input ends inside the UNB", "UNB+UNOC:3+SENDER:14+REC", {
      code: "EDI_TRUNCATED", offset: 0, segment: 1, tag: "UNB", ack: { ta1: "023", contrl: "13" },
    }),
  ];
}

export const errorCases: readonly ErrorCase[] = [...x12Cases(), ...edifactCases()];
