import type { EdiHandler } from "../edi-handler.js";
import type { InterchangeHeader, Party } from "../envelope-model.js";
import { readEdi } from "../read-edi.js";
import type { SegmentView } from "../segment-view.js";
import type { AckStatus, GroupAckStatus } from "./ack-rules.js";

/** What an acknowledgment says about one transaction set / message it answers (AK2+AK5, IK5, UCM). */
export interface SetAnswer {
  readonly id: string;
  readonly control: string;
  readonly status: AckStatus;
}

/** What it says about one functional group (AK1+AK9, UCF); `control` null for EDIFACT messages outside groups. */
export interface GroupAnswer {
  readonly functionalId: string | null;
  readonly control: string | null;
  readonly status: GroupAckStatus;
  readonly sets: readonly SetAnswer[];
}

/**
 * One acknowledgment found in an interchange: a TA1 (about an interchange), a 997 / 999 set (about groups and
 * their sets) or a CONTRL message (about an interchange, its groups and messages). `from` is the party that
 * acknowledges, `to` the one whose interchange is answered.
 */
export interface AckAnswer {
  readonly kind: "ta1" | "997" | "999" | "contrl";
  readonly from: Party;
  readonly to: Party;
  /** TA101 / UCI 0020: the control number of the interchange answered; null for 997 / 999. */
  readonly interchangeControl: string | null;
  /** TA104 / UCI 0083; null for 997 / 999, and for a CONTRL that only says the interchange arrived (action 8). */
  readonly status: AckStatus | null;
  readonly groups: readonly GroupAnswer[];
}

interface GroupDraft {
  functionalId: string | null;
  control: string | null;
  status: GroupAckStatus | null;
  sets: SetAnswer[];
}

interface SetDraft {
  id: string;
  control: string;
  status: AckStatus | null;
}

/**
 * Reads the acknowledgments an input carries: TA1 segments, 997 and 999 sets, CONTRL messages. Anything else in
 * it is ignored; an acknowledgment whose status codes cannot be read is left out rather than guessed.
 */
export function readAcknowledgments(bytes: Uint8Array): AckAnswer[] {
  const answers: AckAnswer[] = [];
  let header: InterchangeHeader | null = null;
  let setId: string | null = null;
  let fa: { kind: "997" | "999"; groups: GroupAnswer[] } | null = null;
  let group: GroupDraft | null = null;
  let set: SetDraft | null = null;
  let contrl: { control: string; status: AckStatus | null; groups: GroupDraft[] } | null = null;

  const closeSet = (): void => {
    if (set !== null && set.status !== null && group !== null)
      group.sets.push({ id: set.id, control: set.control, status: set.status });
    set = null;
  };

  const x12 = (view: SegmentView, h: InterchangeHeader): void => {
    switch (view.tag) {
      case "TA1": {
        const status = x12SetStatus(view.text(4));
        if (status !== null) {
          answers.push({
            kind: "ta1",
            from: h.sender,
            to: h.receiver,
            interchangeControl: view.text(1).trim(),
            status,
            groups: [],
          });
        }
        return;
      }
      case "AK1":
        if (fa === null) return;
        group = { functionalId: view.text(1), control: view.text(2), status: null, sets: [] };
        return;
      case "AK2":
        closeSet();
        set = { id: view.text(1), control: view.text(2), status: null };
        return;
      case "AK5":
      case "IK5":
        if (set !== null) set.status = x12SetStatus(view.text(1));
        return;
      case "AK9":
        closeSet();
        if (fa !== null && group !== null) {
          const status = x12GroupStatus(view.text(1));
          if (status !== null) fa.groups.push({ ...group, status });
        }
        group = null;
        return;
    }
  };

  const edifact = (view: SegmentView): void => {
    if (contrl === null) return;
    switch (view.tag) {
      case "UCI":
        contrl.control = view.text(1);
        contrl.status = contrlStatus(view.text(4), view.text(5));
        return;
      case "UCF": {
        const status = contrlStatus(view.text(4), view.text(5));
        group = { functionalId: null, control: view.text(1), status, sets: [] };
        contrl.groups.push(group);
        return;
      }
      case "UCM": {
        const status = contrlStatus(view.text(3), view.text(4));
        if (status === null) return;
        if (group === null) {
          group = { functionalId: null, control: null, status: contrl.status, sets: [] };
          contrl.groups.push(group);
        }
        group.sets.push({ id: view.component(2, 1), control: view.text(1), status });
        return;
      }
    }
  };

  const handler: EdiHandler = {
    interchangeStart(h) {
      header = h;
    },
    setStart(s) {
      setId = s.id;
      if (s.id === "997" || s.id === "999") fa = { kind: s.id, groups: [] };
      if (s.id === "CONTRL") contrl = { control: "", status: null, groups: [] };
      group = null;
      set = null;
    },
    segment(view) {
      const h = header;
      if (h === null) return;
      if (h.standard === "x12") {
        if (view.tag === "TA1" || setId === "997" || setId === "999") x12(view, h);
      } else if (setId === "CONTRL") edifact(view);
    },
    setEnd() {
      const h = header;
      if (h !== null && fa !== null && fa.groups.length > 0) {
        answers.push({
          kind: fa.kind,
          from: h.sender,
          to: h.receiver,
          interchangeControl: null,
          status: null,
          groups: fa.groups,
        });
      }
      if (h !== null && contrl !== null && contrl.control !== "") {
        // A group or message line without an action of its own stands as its interchange does.
        const fallback: GroupAckStatus = contrl.status ?? "accepted";
        answers.push({
          kind: "contrl",
          from: h.sender,
          to: h.receiver,
          interchangeControl: contrl.control,
          status: contrl.status,
          groups: contrl.groups.map((g): GroupAnswer => ({ ...g, status: g.status ?? fallback })),
        });
      }
      fa = null;
      contrl = null;
      setId = null;
      group = null;
      set = null;
    },
    interchangeEnd() {
      header = null;
    },
  };
  readEdi(bytes, handler);
  return answers;
}

/** TA104, AK501 / IK501: A accepted; E accepted with errors noted; R, M, W, X rejected. */
function x12SetStatus(code: string): AckStatus | null {
  switch (code.trim()) {
    case "A":
      return "accepted";
    case "E":
      return "accepted_with_errors";
    case "R":
    case "M":
    case "W":
    case "X":
      return "rejected";
    default:
      return null;
  }
}

/** AK901: as the set codes, and P partially accepted. */
function x12GroupStatus(code: string): GroupAckStatus | null {
  return code.trim() === "P" ? "partially_accepted" : x12SetStatus(code);
}

/**
 * CONTRL action code 0083: 4 rejected; 7 acknowledged (with errors when a syntax error code follows); 8 only
 * received, which says nothing of the outcome (null).
 */
function contrlStatus(action: string, errorCode: string): AckStatus | null {
  switch (action.trim()) {
    case "4":
      return "rejected";
    case "7":
      return errorCode.trim() === "" ? "accepted" : "accepted_with_errors";
    default:
      return null;
  }
}
