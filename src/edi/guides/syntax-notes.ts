/** X12 syntax note kinds (EDIFACT dependency notes D1..D5 are written with the same letters). */
export type SyntaxNoteKind = "P" | "R" | "C" | "E" | "L";

export interface SyntaxNote {
  readonly kind: SyntaxNoteKind;
  /** 1-based element (or component) positions, in the note's order. */
  readonly positions: readonly number[];
  /** As written in the guide, e.g. "P0304", for messages. */
  readonly text: string;
}

/** What a broken note asks for: an element required but missing, or one present that must not be. */
export interface NoteBreach {
  readonly kind: "missing" | "excluded";
  readonly position: number;
  readonly note: SyntaxNote;
}

/** Parses "P0304", "L100405" (a letter, then two digits per position); the loader has checked the form. */
export function parseSyntaxNote(text: string): SyntaxNote {
  const positions: number[] = [];
  for (let i = 1; i + 1 < text.length; i += 2) positions.push(Number(text.slice(i, i + 2)));
  return { kind: text[0] as SyntaxNoteKind, positions, text };
}

/**
 * Checks a note against which positions hold a value (`present[p]` is 1 for a non-empty element p), and
 * returns the first breach or null:
 * P paired: if any is present, all are; R: at least one is; C: if the first is, all others are;
 * E: at most one is; L: if the first is, at least one of the others is.
 */
export function checkSyntaxNote(note: SyntaxNote, present: Uint8Array): NoteBreach | null {
  const ps = note.positions;
  const first = ps[0] as number;
  switch (note.kind) {
    case "P": {
      let any = false;
      for (let i = 0; i < ps.length; i++) if (present[ps[i] as number] === 1) any = true;
      if (!any) return null;
      for (let i = 0; i < ps.length; i++)
        if (present[ps[i] as number] !== 1) return { kind: "missing", position: ps[i] as number, note };
      return null;
    }
    case "R": {
      for (let i = 0; i < ps.length; i++) if (present[ps[i] as number] === 1) return null;
      return { kind: "missing", position: first, note };
    }
    case "C": {
      if (present[first] !== 1) return null;
      for (let i = 1; i < ps.length; i++)
        if (present[ps[i] as number] !== 1) return { kind: "missing", position: ps[i] as number, note };
      return null;
    }
    case "E": {
      let seen = 0;
      for (let i = 0; i < ps.length; i++) {
        const p = ps[i] as number;
        if (present[p] === 1 && ++seen > 1) return { kind: "excluded", position: p, note };
      }
      return null;
    }
    case "L": {
      if (present[first] !== 1) return null;
      for (let i = 1; i < ps.length; i++) if (present[ps[i] as number] === 1) return null;
      return { kind: "missing", position: ps[1] as number, note };
    }
  }
}
