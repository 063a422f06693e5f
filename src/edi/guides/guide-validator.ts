import type { AckReportCollector } from "../acks/ack-report-collector.js";
import type { EdiHandler } from "../edi-handler.js";
import type { GroupHeader, InterchangeHeader, SetHeader, Standard } from "../envelope-model.js";
import type { SegmentView } from "../segment-view.js";
import type { CompiledGuide } from "./compile-guide.js";
import type { GuideSet, SetIdentity } from "./guide-set.js";
import { SetValidator } from "./set-validator.js";

export interface GuideValidatorOptions {
  /**
   * Guide ids to use whatever version a set states (`openvan validate --guide ID`): a set whose standard
   * and set id match one of them is validated against it.
   */
  readonly force?: readonly string[];
}

const trailers: Record<Standard, string> = { x12: "SE", edifact: "UNT" };

/**
 * An EdiHandler that validates each transaction set against its guide while the reader streams, and hands
 * every event and fault on to an AckReportCollector, so that one pass yields reports with syntax and guide
 * faults together. Sets for which no guide applies are recorded as checked for syntax only.
 */
export function guideValidatingHandler(
  guides: GuideSet,
  collector: AckReportCollector,
  options: GuideValidatorOptions = {},
): EdiHandler {
  const next = collector.handler;
  const forced = (options.force ?? []).map((id) => guides.resolve(id));
  let standard: Standard = "x12";
  let trailer = trailers.x12;
  let groupVersion: string | null = null;
  let validator: SetValidator | null = null;
  let guide: CompiledGuide | null = null;
  let position = 0;
  // Sets of one file mostly share a guide: the choice and the validator (reset per set) are kept per run.
  const chosen = new Map<string, SetValidator | null>();
  // The last choice, compared field by field: consecutive sets nearly always repeat it, and no key is built.
  let lastStandard: Standard | null = null;
  let lastSet = "";
  let lastGroupVersion: string | null = null;
  let lastVersion: string | null = null;
  let lastChoice: SetValidator | null = null;
  const choose = (set: SetHeader): SetValidator | null => {
    if (
      lastStandard === standard &&
      lastSet === set.id &&
      lastGroupVersion === groupVersion &&
      lastVersion === set.version
    ) {
      lastChoice?.reset();
      return lastChoice;
    }
    const key = `${standard}|${set.id}|${groupVersion}|${set.version}`;
    let v = chosen.get(key);
    if (v === undefined) {
      const identity: SetIdentity = { standard, set: set.id, groupVersion, setVersion: set.version };
      const pinned = forced.find((g) => g.standard === standard && g.set === set.id);
      const guide = pinned !== undefined ? guides.compileFor(pinned.id, identity) : guides.select(identity);
      const shared = guide === null ? undefined : [...chosen.values()].find((x) => x?.guide === guide);
      v = guide === null ? null : (shared ?? new SetValidator(guide, collector.guideFault));
      chosen.set(key, v);
    }
    lastStandard = standard;
    lastSet = set.id;
    lastGroupVersion = groupVersion;
    lastVersion = set.version;
    lastChoice = v;
    v?.reset();
    return v;
  };
  return {
    interchangeStart(header: InterchangeHeader) {
      standard = header.standard;
      trailer = trailers[standard];
      groupVersion = null;
      next.interchangeStart?.(header);
    },
    groupStart(group: GroupHeader) {
      groupVersion = group.version;
      next.groupStart?.(group);
    },
    setStart(set: SetHeader) {
      next.setStart?.(set);
      validator = choose(set);
      guide = validator?.guide ?? null;
      position = 0;
      collector.useGuide(guide?.id ?? null);
    },
    segment(view: SegmentView) {
      next.segment?.(view);
      if (validator === null || guide === null) return;
      position++;
      const last = view.tag === trailer;
      if ((position === 1 || last) && !guide.coversEnvelope) {
        if (position > 1)
          validator.end({ offset: view.offset, position: view.position, setPosition: position });
        return;
      }
      validator.segment(view, position);
      if (last) validator.end({ offset: view.offset, position: view.position, setPosition: position });
    },
    setEnd(set) {
      validator = null;
      next.setEnd?.(set);
    },
    groupEnd(group) {
      groupVersion = null;
      next.groupEnd?.(group);
    },
    interchangeEnd(interchange) {
      validator = null;
      next.interchangeEnd?.(interchange);
    },
    error(e) {
      next.error?.(e);
    },
  };
}
