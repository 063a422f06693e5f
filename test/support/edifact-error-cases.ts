import { at, type ErrorCase, edifact, errorCase } from "./edi-error-cases.js";

export function edifactErrorCases(): ErrorCase[] {
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
  const mixedAfter = edifact(
    ung,
    ...msg,
    "UNT+3+1",
    "UNE+1+G1",
    "UNH+2+ORDERS:D:96A:UN",
    "UNT+2+2",
    "UNZ+2+REF1",
  );
  const mixedBefore = edifact(...msg, "UNT+3+1", ung, "UNE+0+G1", "UNZ+2+REF1");
  const unbEmpty = "UNB+UNOC:3+SENDER:14++240315:0930+REF1'UNZ+0+REF1'";
  const unhShort = edifact("UNH+1", "UNT+2+1", "UNZ+1+REF1");
  const badTag = edifact(...msg, "Qty+21:4", "UNT+4+1", "UNZ+1+REF1");
  const outside = edifact("BGM+220+PO-1+9", "UNZ+0+REF1");
  const noUnb = "UNA:+.? 'UNH+1+ORDERS:D:96A:UN'UNT+2+1'";
  return [
    errorCase("UNT01 differs from the segment count", untCount, {
      code: "EDI_SET_COUNT_MISMATCH",
      offset: at(untCount, "UNT+9", 4),
      segment: 5,
      tag: "UNT",
      element: 1,
      setPosition: 3,
      ack: { set: "4", contrl: "29" },
    }),
    errorCase("UNT02 differs from UNH01", untControl, {
      code: "EDI_SET_CONTROL_MISMATCH",
      offset: at(untControl, "UNT+3+2", 6),
      segment: 5,
      tag: "UNT",
      element: 2,
      ack: { set: "3", contrl: "28" },
    }),
    errorCase("UNZ01 differs from the number of messages", unzCount, {
      code: "EDI_INTERCHANGE_COUNT_MISMATCH",
      offset: at(unzCount, "UNZ+2", 4),
      segment: 6,
      tag: "UNZ",
      element: 1,
      ack: { ta1: "021", contrl: "29" },
    }),
    errorCase("UNZ02 differs from UNB05", unzControl, {
      code: "EDI_INTERCHANGE_CONTROL_MISMATCH",
      offset: at(unzControl, "REF2"),
      segment: 6,
      tag: "UNZ",
      element: 2,
      ack: { ta1: "001", contrl: "28" },
    }),
    errorCase("UNE01 differs from the number of messages", uneCount, {
      code: "EDI_GROUP_COUNT_MISMATCH",
      offset: at(uneCount, "UNE+2", 4),
      segment: 7,
      tag: "UNE",
      element: 1,
      ack: { group: "5", contrl: "29" },
    }),
    errorCase("UNE02 differs from UNG05", uneControl, {
      code: "EDI_GROUP_CONTROL_MISMATCH",
      offset: at(uneControl, "G2"),
      segment: 7,
      tag: "UNE",
      element: 2,
      ack: { group: "4", contrl: "28" },
    }),
    errorCase("a message has no UNT", noUnt, {
      code: "EDI_SET_TRAILER_MISSING",
      offset: at(noUnt, "UNZ"),
      segment: 5,
    }),
    errorCase("a group has no UNE", noUne, {
      code: "EDI_GROUP_TRAILER_MISSING",
      offset: at(noUne, "UNZ"),
      segment: 7,
    }),
    errorCase("the input ends before UNZ", noUnz, {
      code: "EDI_INTERCHANGE_TRAILER_MISSING",
      offset: noUnz.length,
      segment: 5,
      ack: { ta1: "023", contrl: "13" },
    }),
    errorCase("a message follows a group", mixedAfter, {
      code: "EDI_GROUPS_AND_MESSAGES_MIXED",
      offset: at(mixedAfter, "UNH+2"),
      segment: 8,
      tag: "UNH",
      ack: { contrl: "30" },
    }),
    errorCase("a group follows a message", mixedBefore, {
      code: "EDI_GROUPS_AND_MESSAGES_MIXED",
      offset: at(mixedBefore, "UNG"),
      segment: 6,
      tag: "UNG",
    }),
    errorCase("UNB03 is empty", unbEmpty, {
      code: "EDI_HEADER_INVALID",
      offset: at(unbEmpty, "++", 1),
      segment: 1,
      tag: "UNB",
      element: 3,
      ack: { ta1: "024", group: "1", set: "5", contrl: "13" },
    }),
    errorCase("UNH02 is absent", unhShort, {
      code: "EDI_HEADER_INVALID",
      offset: at(unhShort, "UNH+1'", 5),
      segment: 3,
      tag: "UNH",
      element: 2,
    }),
    errorCase("a tag is not three capital letters", badTag, {
      code: "EDI_INVALID_SEGMENT_TAG",
      offset: at(badTag, "Qty"),
      segment: 5,
      tag: "Qty",
      ack: { segment: "1", contrl: "14" },
    }),
    errorCase("a segment stands outside any message", outside, {
      code: "EDI_SEGMENT_OUTSIDE_SET",
      offset: at(outside, "BGM"),
      segment: 3,
      tag: "BGM",
      ack: { ta1: "024", segment: "2", contrl: "33" },
    }),
    errorCase("a UNA is not followed by UNB", noUnb, {
      code: "EDI_INTERCHANGE_HEADER_MISSING",
      offset: 0,
      segment: 1,
      tag: "UNA",
      ack: { ta1: "024", contrl: "13" },
    }),
    errorCase("UNA names a letter", "UNA:+.?X'UNB+UNOC:3+S+R+240315:0930+X'UNZ+0+X'", {
      code: "EDI_UNA_INVALID",
      offset: 7,
      segment: 1,
      tag: "UNA",
      element: 5,
      ack: { contrl: "20" },
    }),
    errorCase("the input ends inside the UNA", "UNA:+.", {
      code: "EDI_TRUNCATED",
      offset: 0,
      segment: 1,
      tag: "UNA",
    }),
    errorCase("the input ends inside the UNB", "UNB+UNOC:3+SENDER:14+REC", {
      code: "EDI_TRUNCATED",
      offset: 0,
      segment: 1,
      tag: "UNB",
      ack: { ta1: "023", contrl: "13" },
    }),
  ];
}
