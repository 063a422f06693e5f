import { at, type ErrorCase, errorCase, x12, x12Isa } from "./edi-error-cases.js";

const gs = "GS*PO*ACMEFOODS*GROCERYCO*20240315*0930*101*X*005010";
const set850 = ["ST*850*0001", "BEG*00*SA*PO-1**20240315"];

export function x12ErrorCases(): ErrorCase[] {
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
  const cutOff = `${x12(gs, "ST*850*0001")}BEG*00*SA`;
  const isa16 = x12Isa.replace(">~", ">G");
  const compact = "ISA*00* *00* *ZZ*ACME *ZZ*GROCER *240315*0930*^*00501*000000101*0*P*>~IEA*0*000000101~";
  const version = x12Isa.replace("00501", "0050X");
  const junkAfter = `${x12("IEA*0*000000101")}\nTRAILING NOTE`;
  return [
    errorCase("SE01 differs from the segment count", seCount, {
      code: "EDI_SET_COUNT_MISMATCH",
      offset: at(seCount, "SE*9", 3),
      segment: 5,
      tag: "SE",
      element: 1,
      setPosition: 3,
      ack: { set: "4", contrl: "29" },
    }),
    errorCase("SE02 differs from ST02", seControl, {
      code: "EDI_SET_CONTROL_MISMATCH",
      offset: at(seControl, "SE*3*0002", 5),
      segment: 5,
      tag: "SE",
      element: 2,
      ack: { set: "3", contrl: "28" },
    }),
    errorCase("GE01 differs from the number of sets", geCount, {
      code: "EDI_GROUP_COUNT_MISMATCH",
      offset: at(geCount, "GE*2", 3),
      segment: 6,
      tag: "GE",
      element: 1,
      ack: { group: "5", contrl: "29" },
    }),
    errorCase("GE02 differs from GS06", geControl, {
      code: "EDI_GROUP_CONTROL_MISMATCH",
      offset: at(geControl, "GE*1*102", 5),
      segment: 6,
      tag: "GE",
      element: 2,
      ack: { group: "4", contrl: "28" },
    }),
    errorCase("IEA01 differs from the number of groups", ieaCount, {
      code: "EDI_INTERCHANGE_COUNT_MISMATCH",
      offset: at(ieaCount, "IEA*2", 4),
      segment: 7,
      tag: "IEA",
      element: 1,
      ack: { ta1: "021", contrl: "29" },
    }),
    errorCase("IEA02 differs from ISA13", ieaControl, {
      code: "EDI_INTERCHANGE_CONTROL_MISMATCH",
      offset: at(ieaControl, "IEA*1*000000102", 6),
      segment: 7,
      tag: "IEA",
      element: 2,
      ack: { ta1: "001", contrl: "28" },
    }),
    errorCase("a set has no SE before GE", noSe, {
      code: "EDI_SET_TRAILER_MISSING",
      offset: at(noSe, "GE*"),
      segment: 5,
      ack: { set: "2", contrl: "13" },
    }),
    errorCase("a group has no GE before IEA", noGe, {
      code: "EDI_GROUP_TRAILER_MISSING",
      offset: at(noGe, "IEA*"),
      segment: 6,
      ack: { ta1: "024", group: "3", contrl: "13" },
    }),
    errorCase("the input ends before IEA", noIea, {
      code: "EDI_INTERCHANGE_TRAILER_MISSING",
      offset: noIea.length,
      segment: 6,
      ack: { ta1: "023", contrl: "13" },
    }),
    errorCase("another ISA comes before IEA", nextIsa, {
      code: "EDI_INTERCHANGE_TRAILER_MISSING",
      offset: noIea.length + 1,
      segment: 7,
      ack: { ta1: "023", contrl: "13" },
    }),
    errorCase("a segment stands between GS and ST", outsideSet, {
      code: "EDI_SEGMENT_OUTSIDE_SET",
      offset: at(outsideSet, "BEG*"),
      segment: 3,
      tag: "BEG",
      ack: { ta1: "024", segment: "2", contrl: "33" },
    }),
    errorCase("ST stands outside any GS", outsideGroup, {
      code: "EDI_SEGMENT_OUTSIDE_SET",
      offset: at(outsideGroup, "ST*"),
      segment: 2,
      tag: "ST",
    }),
    errorCase("SE has no ST", seAlone, {
      code: "EDI_SEGMENT_OUTSIDE_SET",
      offset: at(seAlone, "SE*"),
      segment: 3,
      tag: "SE",
    }),
    errorCase("GE has no GS", geAlone, {
      code: "EDI_SEGMENT_OUTSIDE_SET",
      offset: at(geAlone, "GE*"),
      segment: 2,
      tag: "GE",
    }),
    errorCase("GS06 is empty", gsEmpty, {
      code: "EDI_HEADER_INVALID",
      offset: at(gsEmpty, "**X*", 1),
      segment: 2,
      tag: "GS",
      element: 6,
      ack: { ta1: "024", group: "1", set: "5", contrl: "13" },
    }),
    errorCase("ST02 is absent", stShort, {
      code: "EDI_HEADER_INVALID",
      offset: at(stShort, "ST*850~", 6),
      segment: 3,
      tag: "ST",
      element: 2,
    }),
    errorCase("a tag is lower case", badTag, {
      code: "EDI_INVALID_SEGMENT_TAG",
      offset: at(badTag, "b3*"),
      segment: 4,
      tag: "b3",
      ack: { segment: "1", contrl: "14" },
    }),
    errorCase("BIN01 is not a number", binText, {
      code: "EDI_BINARY_LENGTH_INVALID",
      offset: at(binText, "X4"),
      segment: 4,
      tag: "BIN",
      element: 1,
      ack: { segment: "8", element: "6", contrl: "12" },
    }),
    errorCase("BIN01 does not end the data at a terminator", binShort, {
      code: "EDI_BINARY_LENGTH_INVALID",
      offset: at(binShort, "10*"),
      segment: 4,
      tag: "BIN",
      element: 1,
    }),
    errorCase("the input ends inside BIN data", binEnd, {
      code: "EDI_BINARY_LENGTH_INVALID",
      offset: at(binEnd, "abcd"),
      segment: 4,
      tag: "BIN",
      element: 2,
    }),
    errorCase("the byte after ISA16 is a letter", isa16, {
      code: "EDI_ISA_INVALID",
      offset: 105,
      segment: 1,
      tag: "ISA",
      element: 16,
      ack: { ta1: "026", contrl: "20" },
    }),
    errorCase("the input ends inside a segment", cutOff, {
      code: "EDI_TRUNCATED",
      offset: at(cutOff, "BEG*"),
      segment: 4,
      tag: "BEG",
      ack: { ta1: "023", contrl: "13" },
    }),
    errorCase("the input ends inside the ISA", x12Isa.slice(0, 60), {
      code: "EDI_TRUNCATED",
      offset: 0,
      segment: 1,
      tag: "ISA",
      ack: { ta1: "023", contrl: "13" },
    }),
    errorCase("ISA fields are not padded", compact, {
      code: "EDI_ISA_FIELD_WIDTH",
      offset: 7,
      segment: 1,
      tag: "ISA",
      element: 2,
      ack: { ta1: "011", contrl: "20" },
    }),
    errorCase("ISA12 is not a version", version, {
      code: "EDI_ISA_FIELD_VALUE",
      offset: at(version, "0050X"),
      segment: 1,
      tag: "ISA",
      element: 12,
      ack: { ta1: "017", contrl: "20" },
    }),
    errorCase("the input is not EDI", "Dear partner,\nplease see the attached PDF.\n", {
      code: "EDI_NO_ENVELOPE",
      offset: 0,
      segment: 0,
      ack: { ta1: "024", contrl: "13" },
    }),
    errorCase("text follows the last interchange", junkAfter, {
      code: "EDI_UNEXPECTED_DATA",
      offset: at(junkAfter, "TRAILING"),
      segment: 0,
      ack: { ta1: "024", contrl: "33" },
    }),
  ];
}
