/**
 * Guide faults (as `TAG:CODE`) that the built-in guides find in files of the shared conformance corpus that the
 * corpus calls sound: each is a real fault of the public sample, with the reason.
 */
export const guideDeviations: Readonly<Record<string, readonly string[]>> = {
  // AK202 "002" is shorter than ST02's minimum of 4
  "oop__Acknowledgments__999_DHS_Wisconsin_Sample.txt": ["AK2:EDI_ELEMENT_TOO_SHORT"],
  // OTI06 six-digit date, OTI12 holds a convention id (005010X186) where a 2-character code belongs
  "oop__FIN__824_FromTmhpSpec.txt": ["OTI:EDI_ELEMENT_TOO_LONG", "OTI:EDI_ELEMENT_TOO_SHORT"],
  // each segment ends in a blank before its CR terminator, so last elements carry it: BHT05 "21000083 ",
  // HL04 "1 ", TRN03 11 characters, DMG03 "M ", LS01/LE01 "2120 "
  "oop__INS__271__4010_Example2_TMHP.txt": [
    "BHT:EDI_ELEMENT_INVALID_CHARACTER",
    "DMG:EDI_ELEMENT_TOO_LONG",
    "HL:EDI_ELEMENT_TOO_LONG",
    "LE:EDI_ELEMENT_TOO_LONG",
    "LS:EDI_ELEMENT_TOO_LONG",
    "TRN:EDI_ELEMENT_TOO_LONG",
  ],
  // masked sample: BHT01 "9999" is not 0022, BHT05 "99999999" is not a time of day
  "oop__INS__271__4010_From_tcplex.txt": ["BHT:EDI_ELEMENT_INVALID_CODE", "BHT:EDI_ELEMENT_INVALID_TIME"],
  // loop 2300 has REF*D9 before AMT*F5; the 837 places AMT (position 175) before REF (180)
  "oop__INS__837P__4010_Cms1500Test.txt": ["AMT:EDI_SEGMENT_OUT_OF_ORDER"],
  // masked sample (9s and Xs): BHT01 "9999", BHT05 "9999", CLM05-02 "X" (not B), SV101-01 "XX"; no 2300
  // claim has the HI (diagnosis) segment that 005010X222A1 requires
  "oop__INS__837P__5010_MedicaidExample.txt": [
    "BHT:EDI_ELEMENT_INVALID_CODE",
    "BHT:EDI_ELEMENT_INVALID_TIME",
    "CLM:EDI_ELEMENT_INVALID_CODE",
    "HI:EDI_SEGMENT_MISSING",
    "SV1:EDI_ELEMENT_INVALID_CODE",
  ],
  // UTF-16LE text that stops after "NM1*41~" and a no-break space: NM102 missing, no SE
  "oop__INS__837P__5010_UnicodeExample.txt": ["NM1:EDI_ELEMENT_MISSING"],
  // values padded with trailing blanks (DT "20030101 ", N0 "1 "), BPR11 "xxxx"
  "oop__ORD__820_Example2_ScanaEnergy.txt": [
    "BPR:EDI_ELEMENT_INVALID_CHARACTER",
    "BPR:EDI_ELEMENT_TOO_SHORT",
    "DTM:EDI_ELEMENT_INVALID_CHARACTER",
    "DTM:EDI_ELEMENT_TOO_LONG",
    "ENT:EDI_ELEMENT_INVALID_CHARACTER",
    "N1:EDI_ELEMENT_CONDITION_MISSING",
    "RMR:EDI_ELEMENT_INVALID_CHARACTER",
    "SE:EDI_ELEMENT_TOO_LONG",
    "TRN:EDI_ELEMENT_TOO_LONG",
  ],
  // ST02/SE02 "987600111 " with a trailing blank, BPR10..14 shifted by one position
  "oop__ORD__820_Example5_Wikipedia.txt": [
    "BPR:EDI_ELEMENT_TOO_LONG",
    "BPR:EDI_ELEMENT_TOO_SHORT",
    "DTM:EDI_ELEMENT_INVALID_CHARACTER",
    "ENT:EDI_ELEMENT_INVALID_CHARACTER",
    "RMR:EDI_ELEMENT_INVALID_CHARACTER",
    "SE:EDI_ELEMENT_TOO_LONG",
    "ST:EDI_ELEMENT_TOO_LONG",
  ],
  // REF04 and QTY03 hold values of the next elements (a shifted segment)
  "oop__ORD__846_Example2.txt": [
    "QTY:EDI_ELEMENT_EXCLUSION_VIOLATED",
    "QTY:EDI_ELEMENT_TOO_LONG",
    "REF:EDI_ELEMENT_MISSING",
    "REF:EDI_ELEMENT_TOO_LONG",
    "REF:EDI_ELEMENT_TOO_MANY",
  ],
  // the byte after ISA16 is a blank, so every blank ends a segment: words become segments
  "oop__ORD__850_Example4_Adobe_ShrinkWrapped.txt": [
    "Bramshott:EDI_SEGMENT_NOT_IN_SET",
    "Doe:EDI_SEGMENT_NOT_IN_SET",
    "Jose:EDI_SEGMENT_NOT_IN_SET",
    "Name:EDI_SEGMENT_NOT_IN_SET",
    "Org:EDI_SEGMENT_NOT_IN_SET",
    "Rd.:EDI_SEGMENT_NOT_IN_SET",
    "TO:EDI_SEGMENT_NOT_IN_SET",
  ],
  // six-digit dates in 004010 DT elements (8/8), B2A in a 210, N303
  "oop__TAM__210_DBSchenker_SampleMotorFreightDetailsAndInvoice.txt": [
    "B2A:EDI_SEGMENT_NOT_IN_SET",
    "B3:EDI_ELEMENT_TOO_SHORT",
    "G62:EDI_ELEMENT_TOO_SHORT",
    "N3:EDI_ELEMENT_TOO_MANY",
  ],
  // no PER*BL in 1000A (the payer technical contact is required); SVC01 written "HC>55669" while
  // ISA16 is ":", so SVC01-01 is 8 characters and SVC01-02 is missing
  "lfh__835_005010X221A1_cob-contractural-adjustment.835": [
    "PER:EDI_SEGMENT_MISSING",
    "SVC:EDI_ELEMENT_MISSING",
    "SVC:EDI_ELEMENT_TOO_LONG",
  ],
  // HI*BK*8901*BF*87200*BF:5559 writes the first composites with element separators (HI01-02 missing,
  // HI02-01 "8901"); two 2330C loops NM1*DN*1 without the REF that loop requires
  "ims__837_5010_x12_complex.txt": [
    "HI:EDI_ELEMENT_MISSING",
    "HI:EDI_ELEMENT_TOO_LONG",
    "REF:EDI_SEGMENT_MISSING",
  ],
  // HI composites written with element separators, as in x12_complex
  "ims__837_5010_x12_many_claims.txt": ["HI:EDI_ELEMENT_MISSING", "HI:EDI_ELEMENT_TOO_LONG"],
  // HI composites written with element separators, as in x12_complex
  "ims__837_5010_x12_multiple_gs.txt": ["HI:EDI_ELEMENT_MISSING", "HI:EDI_ELEMENT_TOO_LONG"],
  // HI composites written with element separators, as in x12_complex
  "ims__837_5010_x12_multiple_st.txt": ["HI:EDI_ELEMENT_MISSING", "HI:EDI_ELEMENT_TOO_LONG"],
  // HI composites written with element separators, as in x12_complex
  "ims__837_5010_x12_multiple_transactions.txt": ["HI:EDI_ELEMENT_MISSING", "HI:EDI_ELEMENT_TOO_LONG"],
  // the file is a test of a stray repetition separator in AK3/AK4
  "sta__extraDelimiter997.edi": [
    "AK3:EDI_ELEMENT_INVALID_CHARACTER",
    "AK3:EDI_ELEMENT_REPEATS_EXCEEDED",
    "AK3:EDI_ELEMENT_TOO_LONG",
    "AK4:EDI_COMPONENTS_TOO_MANY",
    "AK4:EDI_ELEMENT_REPEATS_EXCEEDED",
  ],
  // a header-only stub: BHT01 "DATA" (not 0019), REF*BB after BHT (no REF there in 005010X222A1),
  // and no 1000A/1000B/2000A loops
  "sta__issue229_837-header-ref-only.edi": [
    "BHT:EDI_ELEMENT_INVALID_CODE",
    "HL:EDI_SEGMENT_MISSING",
    "NM1:EDI_SEGMENT_MISSING",
    "REF:EDI_SEGMENT_UNEXPECTED",
  ],
  // INS06-01 "C   " padded with blanks
  "pyx__example834_5010.txt": ["INS:EDI_ELEMENT_TOO_LONG"],
  // segments AA and BB are not in an 850; BEG and PO1 missing
  "edn__x12.Issue172.edi": [
    "AA:EDI_SEGMENT_NOT_IN_SET",
    "BB:EDI_SEGMENT_NOT_IN_SET",
    "BEG:EDI_SEGMENT_MISSING",
    "PO1:EDI_SEGMENT_MISSING",
  ],
  // no BGM; MOA01-02 "TEST" is not numeric
  "edn__edifact.Issue203.edi": ["BGM:EDI_SEGMENT_MISSING", "MOA:EDI_ELEMENT_INVALID_CHARACTER"],
  // toy 834s: NM1*IL right after BGN, without the mandatory 1000A/1000B N1 loops and 2000 INS loop
  "bal__multi-txn-834_message.edi": [
    "INS:EDI_SEGMENT_MISSING",
    "N1:EDI_SEGMENT_MISSING",
    "NM1:EDI_SEGMENT_UNEXPECTED",
  ],
  // PO106 "SKU-A" is not a 2-character qualifier; PO107 missing
  "bal__edi-vendor-router_sample-data_x12-sender.edi": [
    "PO1:EDI_ELEMENT_CONDITION_MISSING",
    "PO1:EDI_ELEMENT_TOO_LONG",
  ],
  // one UNH message whose body (BGM … LIN/QTY/RFF) repeats thousands of times without UNT/UNH
  // between: BGM again after LIN
  "pyd__huge_file2.edi": ["BGM:EDI_SEGMENT_OUT_OF_ORDER"],
};

/**
 * Faults found when an acknowledgment OpenVAN renders for a corpus file is written, read back and validated:
 * "no guide for 997" where the acknowledged group is of a version the 997 guide does not list (it covers
 * 003040 to 006050); the others come from originals whose envelopes are faulty themselves.
 */
export const ackDeviations: Readonly<Record<string, readonly string[]>> = {
  // group version 003041
  "oop__FIN__811_WayneBrantley.txt": ["no guide for 997"],
  // group version 999999X999X9
  "oop__INS__835__4010_FromNth_835_DeIdent_01.dat": ["no guide for 997"],
  // group version 003030
  "oop__MAN__852_AftermarketExample.txt": ["no guide for 997"],
  // ISA08 holds a 3-byte character
  "oop__ORD__180_FromLowes.txt": ["EDI_ISA_FIELD_WIDTH"],
  // AK202 copies ST02 "987600111 ", 10 characters
  "oop__ORD__820_Example5_Wikipedia.txt": ["EDI_ELEMENT_TOO_LONG"],
  // group version 001010
  "oop__ORD__820_Example6.txt": ["no guide for 997"],
  // group version 003030
  "oop__ORD__857_Kroger_CreditExample.txt": ["no guide for 997"],
  // group version 003030
  "oop__QSS__286_Ids.txt": ["no guide for 997"],
  // ISA12 "21" and an ST02 too long for AK202
  "oop__WAR__945_inter-americanproducts.txt": ["EDI_ELEMENT_TOO_LONG", "EDI_HEADER_INVALID"],
  // group version 003010
  "stu__003010_RA820_pass_1.edi": ["no guide for 997"],
  // group version 004010, 003010
  "sta__invoice810_po850_dual.edi": ["no guide for 997"],
  // ST02 holds "~", the reply's component separator: the 997 cannot be written
  "edn__x12.850.issue135.edi": ["EDI_WRITE_DELIMITER_IN_DATA"],
  // ISA08 holds no-break spaces (UTF-8): the reply's ISA06 is too wide to write
  "edn__x12.Issue172.edi": ["EDI_WRITE_VALUE_TOO_LONG"],
  // UNB02/UNB03 are empty, so the CONTRL's UCI02/UCI03 are too
  "edn__Apperak-edi_out_issue235.edi": ["EDI_ELEMENT_MISSING", "EDI_HEADER_INVALID"],
  // UNH S009 has no message type (0065), so UCM02-01 is empty
  "edn__edifact.D95B.CUSCAR.EDI": ["EDI_ELEMENT_MISSING"],
};
