import type { ErrorCode } from "../../src/kernel/index.js";

/**
 * What OpenVAN must report for the files of the shared conformance corpus (../shared/conformance), beyond
 * what the corpus's own analyzer found. Every entry was checked against the file's bytes.
 */

/** The error codes an analyzer problem stands for; null for problems that are not faults by themselves. */
export function codesForProblem(problem: string): readonly ErrorCode[] | null {
  if (/^(SE01|UNT01)=/.test(problem)) return ["EDI_SET_COUNT_MISMATCH"];
  if (/^(GE01|UNE01)=/.test(problem)) return ["EDI_GROUP_COUNT_MISMATCH"];
  if (/^(IEA01|UNZ01)=/.test(problem)) return ["EDI_INTERCHANGE_COUNT_MISMATCH"];
  if (/^(SE02!=ST02|UNT02!=UNH01)$/.test(problem)) return ["EDI_SET_CONTROL_MISMATCH"];
  if (/^no-(IEA|UNZ)$/.test(problem)) return ["EDI_INTERCHANGE_TRAILER_MISSING"];
  if (problem === "no-UNB") return ["EDI_INTERCHANGE_HEADER_MISSING", "EDI_NO_ENVELOPE"];
  // "odd-tags=…" comes from splitting at line breaks; OpenVAN reports what it finds as EDI_INVALID_SEGMENT_TAG.
  return null;
}

/** Analyzer problems that are not faults: the analyzer is wrong and OpenVAN rightly reports nothing. */
export const analyzerWrong: Readonly<Record<string, readonly string[]>> = {
  // Control numbers of digits that differ only in leading zeros are the same number (ST02 0001203, SE02 000001203).
  "oop__ORD__820_Example6.txt": ["SE02!=ST02"],
  // ST02 034, SE02 0034.
  "oop__QSS__286_Ids.txt": ["SE02!=ST02"],
  // ST02 000121, SE02 0000121.
  "ims__x270_271_x270.txt": ["SE02!=ST02"],
  // Hard-wrapped at 80 columns: ST02 is "1\n305", which is 1305 once the layout line break is dropped; SE02 is 1305.
  "sta__issue128_ts210_80char.edi": ["SE02!=ST02"],
  // Hard-wrapped: the analyzer misses the tag "UNH\n"; the interchange holds one message, as UNZ01 says.
  "sta__issue128_wrapped_invoic_d97b_una.edi": ["UNZ01=1!=0"],
  // A bare message without UNB: there is no interchange, so no count to check (EDI_NO_ENVELOPE is reported).
  "edn__edifact.D95B.Issue137.EDI": ["UNT01=53!=52"],
};

/**
 * Faults the analyzer does not look for (ISA widths, IEA02/GE02/UNZ02, headers, tags, stray bytes, cut-off
 * segments): each listed code is reported for the file, and no code outside the analyzer's and these.
 */
export const alsoReported: Readonly<Record<string, readonly ErrorCode[]>> = {
  // ISA08 "GXXXXX XXXXXX " is 14 characters.
  "oop__INS__271__4010_From_tcplex.txt": ["EDI_ISA_FIELD_WIDTH"],
  // UTF-16LE without BOM; the file ends after "NM1*41~" and a no-break space, an unterminated segment: no SE,
  // GE, IEA.
  "oop__INS__837P__5010_UnicodeExample.txt": [
    "EDI_TRUNCATED",
    "EDI_SET_TRAILER_MISSING",
    "EDI_GROUP_TRAILER_MISSING",
    "EDI_INTERCHANGE_TRAILER_MISSING",
  ],
  // ISA08 "receiver’s id  " is 15 characters but 17 bytes (’ is 3 bytes of UTF-8); ISA widths count bytes.
  "oop__ORD__180_FromLowes.txt": ["EDI_ISA_FIELD_WIDTH"],
  // IEA02 00000000, ISA13 000000001.
  "oop__ORD__816_Steinmart_Example1.txt": ["EDI_INTERCHANGE_CONTROL_MISMATCH"],
  // ISA06 "00000000      " is 14 characters.
  "oop__ORD__850_Example3_Adobe_CLP.txt": ["EDI_ISA_FIELD_WIDTH"],
  // ISA06 is 14 characters; the byte after ISA16 is a blank, so every blank in the data ends a segment.
  "oop__ORD__850_Example4_Adobe_ShrinkWrapped.txt": ["EDI_ISA_FIELD_WIDTH", "EDI_INVALID_SEGMENT_TAG"],
  // GS06 1, GE02 24.
  "oop__TAM__210_DBSchenker_SampleMotorFreightDetailsAndInvoice.txt": ["EDI_GROUP_CONTROL_MISMATCH"],
  // "GS*SW*513**000*…": GS03 is empty and every later element shifts, so GS06 is a date and GE02 differs.
  "oop__WAR__945_inter-americanproducts.txt": ["EDI_HEADER_INVALID", "EDI_GROUP_CONTROL_MISMATCH"],
  // ISA elements are not padded ("ISA*00* *00* *16*…").
  "stu__003010_RA820_pass_1.edi": ["EDI_ISA_FIELD_WIDTH"],
  "edn__x12.810a.edi": ["EDI_ISA_FIELD_WIDTH"],
  "edn__x12.810c.edi": ["EDI_ISA_FIELD_WIDTH"],
  "edn__x12.832.edi": ["EDI_ISA_FIELD_WIDTH"],
  // A prose description of the business scenario stands before the ISA.
  "stu__005010_X212-HR276_case_1.edi": ["EDI_UNEXPECTED_DATA"],
  "stu__005010_X221-HP835_case_2.edi": ["EDI_UNEXPECTED_DATA"],
  // IEA02 differs from ISA13: 267365555 / 269895334, 842928883 / 000000001, 000000001 / 000000286,
  // 000014420 / 000003438, 000000049 / 000003438.
  "stu__005010_X212-HR277_pass_1.era": ["EDI_INTERCHANGE_CONTROL_MISMATCH"],
  "ims__277_5010_x12_277_x212.txt": ["EDI_INTERCHANGE_CONTROL_MISMATCH"],
  "ims__837_5010_x12_999_accepted.txt": ["EDI_INTERCHANGE_CONTROL_MISMATCH"],
  "ims__x270_271_x270.txt": ["EDI_INTERCHANGE_CONTROL_MISMATCH"],
  "goz__asn856_asn856.txt": ["EDI_INTERCHANGE_CONTROL_MISMATCH"],
  // ISA11 (repetition separator, version 00501) is "^", the same character as ISA16: there is no repetition
  // separator then, and the header fault is reported.
  "oop__INS__271__5010_Example_3_1_2.txt": ["EDI_ISA_FIELD_VALUE"],
  "oop__INS__837I__5010_Spec_3.1.1.txt": ["EDI_ISA_FIELD_VALUE"],
  // ISA16 is "~" and the byte after it a line feed: "~" is the component separator and LF the terminator,
  // so GE02 reads "1~" and IEA02 "000000001~".
  "edn__x12.850.issue135.edi": ["EDI_GROUP_CONTROL_MISMATCH", "EDI_INTERCHANGE_CONTROL_MISMATCH"],
  // ISA fields padded with no-break spaces (2 bytes each); IEA02 000000001, ISA13 000000055.
  "edn__x12.Issue172.edi": ["EDI_ISA_FIELD_WIDTH", "EDI_INTERCHANGE_CONTROL_MISMATCH"],
  // DEX/UCS (DXS…DXE), not an X12 ISA envelope.
  "goz__dex_894_dex.sample.1.txt": ["EDI_NO_ENVELOPE"],
  // Segments tagged "TEST" (four letters).
  "goz__x12.base.no.line.breaks.odd.char.txt": ["EDI_INVALID_SEGMENT_TAG"],
  // "UNB+++++4'" is empty and has no UNZ before the next UNB; the second UNB has no UNB05 and UNZ02 is 4.
  "edn__Apperak-edi_out_issue235.edi": [
    "EDI_HEADER_INVALID",
    "EDI_INTERCHANGE_TRAILER_MISSING",
    "EDI_INTERCHANGE_CONTROL_MISMATCH",
  ],
  // UNZ02 differs from UNB05: 20101000064507 / HBQ001, DAREFNR00001 / DAREFNR0000001; in patient1 UNB splits
  // date and time into two elements, so UNB05 is the time 1623 and UNZ02 is 1.
  "edn__edifact.01.multi-message.edi": ["EDI_INTERCHANGE_CONTROL_MISMATCH"],
  "edn__edifact.ORDRSP-formatted.edi": ["EDI_INTERCHANGE_CONTROL_MISMATCH"],
  "pyd__patient1.edi": ["EDI_INTERCHANGE_CONTROL_MISMATCH"],
  // The file ends inside the message's free text: no UNT.
  "pyd__patient3.edi": ["EDI_TRUNCATED", "EDI_SET_TRAILER_MISSING"],
  // An export header stands before the UNA.
  "pyd__sage_coala.ped": ["EDI_UNEXPECTED_DATA"],
  // Segments end with the literal text "\r\n" before a real CR LF, so tags read "\r\nUNH"; the file ends with
  // that text, unterminated.
  "sap__UTILMD_NL.edi": ["EDI_INVALID_SEGMENT_TAG", "EDI_SEGMENT_OUTSIDE_SET", "EDI_TRUNCATED"],
  // UNA with exotic separators and nothing after it but "'\n".
  "apf__custom-una.txt": ["EDI_UNEXPECTED_DATA"],
  // A bare message after the UNA, without UNB.
  "ers__d96a_orders_conforming.edi": ["EDI_UNEXPECTED_DATA"],
};

export interface ExpectedFault {
  readonly code: ErrorCode;
  /** Byte offset, where checked against the file. */
  readonly offset?: number;
}

const at = (code: ErrorCode, offset?: number): ExpectedFault =>
  offset === undefined ? { code } : { code, offset };

/** Negative files with a structural fault: truncation, trailers, counts, control numbers, ISA, delimiters, BIN01. */
export const negativeStructural: Readonly<Record<string, readonly ExpectedFault[]>> = {
  // Ends after "HL*2*1*21*1~" (431 bytes): no SE, GE, IEA.
  "oop__INS__277__5010_FromBogeyone.txt": [
    at("EDI_SET_TRAILER_MISSING", 431),
    at("EDI_GROUP_TRAILER_MISSING", 431),
    at("EDI_INTERCHANGE_TRAILER_MISSING", 431),
  ],
  // ISA12 "343434" (after a 3-byte BOM, at 87); ISA13 "43434343" is 8 wide and IEA02 000000002 differs.
  "oop__INS__277__5010_FromLatitude81uk.txt": [
    at("EDI_ISA_FIELD_VALUE", 87),
    at("EDI_ISA_FIELD_WIDTH", 87),
    at("EDI_INTERCHANGE_CONTROL_MISMATCH", 1129),
  ],
  // ISA10 is broken by a line feed, which is also the segment terminator ("*213\n5*U*"); ISA is not padded.
  "stu__004010_PR855_fail_2.edi": [at("EDI_ISA_FIELD_WIDTH", 7)],
  "stu__004010_SH856_fail_2.edi": [at("EDI_SET_COUNT_MISMATCH", 658)],
  // ISA02 is 9 blanks; SE01 25 for 34 segments.
  "ims__837_5010_x12_bad_first_line.txt": [at("EDI_ISA_FIELD_WIDTH", 7), at("EDI_SET_COUNT_MISMATCH", 1174)],
  "sta__invalid999.edi": [at("EDI_SET_COUNT_MISMATCH", 489)],
  // BIN01 "11a"; BIN01 1839 where the data is longer.
  "sta__nonnumeric_BIN01.edi": [at("EDI_BINARY_LENGTH_INVALID", 191)],
  "sta__sample275_with_HL7_invalid_BIN01.edi": [at("EDI_BINARY_LENGTH_INVALID", 573)],
  "nx12__271.edi": [at("EDI_GROUP_TRAILER_MISSING", 1286), at("EDI_INTERCHANGE_TRAILER_MISSING", 1286)],
  // DEX/UCS, GS without ISA, "XXX" instead of ISA: no interchange header at all.
  "goz__dex_894_dex.sample.mismatched.st.txt": [at("EDI_NO_ENVELOPE", 0)],
  "goz__x12.missing.ISA.txt": [at("EDI_NO_ENVELOPE", 0)],
  "goz__x12.wrong.ISA.txt": [at("EDI_NO_ENVELOPE", 0)],
  // No terminator: the byte after ISA16 ">" is the "G" of GS.
  "goz__x12.no.line.break.no.delim.txt": [at("EDI_ISA_INVALID", 105), at("EDI_NO_ENVELOPE", 0)],
  "olme__940_Failed_SE01.edi": [at("EDI_SET_COUNT_MISMATCH", 310)],
  "olme__ControlNumbersMismatch.edi": [
    at("EDI_SET_CONTROL_MISMATCH", 270),
    at("EDI_GROUP_CONTROL_MISMATCH", 280),
    at("EDI_INTERCHANGE_CONTROL_MISMATCH", 291),
  ],
  "olme__WrongGroupsAndTranCount.edi": [
    at("EDI_GROUP_COUNT_MISMATCH", 278),
    at("EDI_INTERCHANGE_COUNT_MISMATCH", 289),
  ],
  // UNA, then a bare message without UNB.
  "ers__d01b_invoic_malformed.edi": [at("EDI_INTERCHANGE_HEADER_MISSING", 0), at("EDI_UNEXPECTED_DATA", 10)],
  "ers__d11a_malformed_component.edi": [
    at("EDI_INTERCHANGE_HEADER_MISSING", 0),
    at("EDI_UNEXPECTED_DATA", 10),
  ],
};

/**
 * Negative files whose fault needs an implementation guide (invalid code values, missing loops, segment
 * order, invalid 997 content, character set): they must read with no structural error except these, which
 * the files really have (unpadded ISA elements, SE01 that does not match).
 */
export const negativeNeedsGuide: Readonly<Record<string, readonly ErrorCode[]>> = {
  "stu__002001_PO830_fail_1.edi": ["EDI_ISA_FIELD_WIDTH"],
  "stu__003050_PO850_fail_1.edi": ["EDI_ISA_FIELD_WIDTH"],
  "stu__004010_SS862_fail_1.edi": ["EDI_ISA_FIELD_WIDTH"],
  "ims__837_5010_x12_bad_valid_code.txt": ["EDI_SET_COUNT_MISMATCH"],
  "ims__837_5010_x12_loop_errors3_missing_loops.txt": ["EDI_SET_COUNT_MISMATCH"],
  "ims__837_5010_x12_missing_required_loops_mult_repeats.txt": ["EDI_SET_COUNT_MISMATCH"],
  "ims__837_5010_x12_segment_errors.txt": ["EDI_SET_COUNT_MISMATCH"],
  "ims__837_5010_x12_segments_out_of_order.txt": ["EDI_SET_COUNT_MISMATCH"],
  "sta__invalid997.edi": [],
  // UTF-8 replacement characters in a UNOC (Latin-1) interchange.
  "phpe__files_example_order_error.edi": [],
  // Syntax identifier UNOX; the envelope itself is sound.
  "sap__PARTIN_01B_UNA_ERROR.edi": [],
};
