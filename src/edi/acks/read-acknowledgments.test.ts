import { describe, expect, it } from "vitest";
import { readAcknowledgments } from "./read-acknowledgments.js";

const isa = (sender: string, receiver: string, control: string) =>
  `ISA*00*          *00*          *ZZ*${sender.padEnd(15)}*ZZ*${receiver.padEnd(15)}*260301*0905*^*00501*${control}*0*P*:~`;
const bytes = (text: string) => Buffer.from(text, "latin1");

describe("readAcknowledgments", () => {
  it("reads a 997: groups by AK1, sets by AK2 with their AK5, the group's AK9", () => {
    const text =
      `${isa("SELLER", "BUYER", "000000009")}GS*FA*SELLER*BUYER*20260301*0905*9*X*005010~` +
      "ST*997*0001~AK1*PO*101~AK2*850*0001~AK5*A~AK2*850*0002~AK3*BEG*2**8~AK4*3*324*1~AK5*R*5~AK9*P*2*2*1~" +
      "AK1*IN*102~AK9*A*0*0*0~SE*12*0001~GE*1*9~IEA*1*000000009~";
    expect(readAcknowledgments(bytes(text))).toEqual([
      {
        kind: "997",
        from: { qualifier: "ZZ", id: "SELLER" },
        to: { qualifier: "ZZ", id: "BUYER" },
        interchangeControl: null,
        status: null,
        groups: [
          {
            functionalId: "PO",
            control: "101",
            status: "partially_accepted",
            sets: [
              { id: "850", control: "0001", status: "accepted" },
              { id: "850", control: "0002", status: "rejected" },
            ],
          },
          { functionalId: "IN", control: "102", status: "accepted", sets: [] },
        ],
      },
    ]);
  });

  it("reads a 999's IK5 and a TA1 beside it, and leaves a status it cannot read out", () => {
    const text =
      `${isa("SELLER", "BUYER", "000000010")}TA1*000000101*260301*0900*E*022~TA1*000000102*260301*0900*Q*000~` +
      "GS*FA*SELLER*BUYER*20260301*0905*10*X*005010X231A1~" +
      "ST*999*0001*005010X231A1~AK1*HC*7*005010X222A1~AK2*837*0001*005010X222A1~IK5*E~AK9*E*1*1*1~SE*6*0001~" +
      "GE*1*10~IEA*1*000000010~";
    const answers = readAcknowledgments(bytes(text));
    expect(answers.map((a) => [a.kind, a.interchangeControl, a.status])).toEqual([
      ["ta1", "000000101", "accepted_with_errors"],
      ["999", null, null],
    ]);
    expect(answers[1]?.groups).toEqual([
      {
        functionalId: "HC",
        control: "7",
        status: "accepted_with_errors",
        sets: [{ id: "837", control: "0001", status: "accepted_with_errors" }],
      },
    ]);
  });

  it("reads a CONTRL: UCI for the interchange, UCF per group, UCM per message; action 8 says nothing of the outcome", () => {
    const contrl = (body: string) =>
      `UNB+UNOC:3+SELLER:ZZ+BUYER:ZZ+260301:0905+77'UNH+1+CONTRL:D:3:UN'${body}UNT+9+1'UNZ+1+77'`;
    const [grouped] = readAcknowledgments(
      bytes(contrl("UCI+5001+BUYER:ZZ+SELLER:ZZ+7'UCF+12+BUYER+SELLER+4+18'UCM+M1+ORDERS:D:96A:UN+4+12'")),
    );
    expect(grouped).toMatchObject({
      kind: "contrl",
      interchangeControl: "5001",
      status: "accepted",
      groups: [
        { control: "12", status: "rejected", sets: [{ id: "ORDERS", control: "M1", status: "rejected" }] },
      ],
    });
    const [plain] = readAcknowledgments(
      bytes(contrl("UCI+5002+BUYER:ZZ+SELLER:ZZ+7'UCM+M1+ORDERS:D:96A:UN+7+13'")),
    );
    expect(plain?.groups).toEqual([
      {
        functionalId: null,
        control: null,
        status: "accepted",
        sets: [{ id: "ORDERS", control: "M1", status: "accepted_with_errors" }],
      },
    ]);
    const [received] = readAcknowledgments(bytes(contrl("UCI+5003+BUYER:ZZ+SELLER:ZZ+8'")));
    expect(received).toMatchObject({ interchangeControl: "5003", status: null, groups: [] });
  });
});
