/**
 * The service characters of one interchange, as text. `segment` may be longer than one byte when a file uses
 * a non-ASCII terminator written in UTF-8; `repetition` and `release` are null when the interchange has none.
 */
export interface Delimiters {
  readonly element: string;
  readonly component: string;
  readonly repetition: string | null;
  readonly segment: string;
  readonly release: string | null;
  /** EDIFACT decimal mark from UNA (`.` or `,`); null for X12. */
  readonly decimal: string | null;
}

/** The EDIFACT defaults used when an interchange has no UNA (ISO 9735: `:+.? '`). */
export const edifactDefaultDelimiters: Delimiters = Object.freeze({
  component: ":",
  element: "+",
  decimal: ".",
  release: "?",
  repetition: null,
  segment: "'",
});

/** The usual X12 delimiters (`*`, `:`, `^`, `~`), e.g. for generated acknowledgments. */
export const x12DefaultDelimiters: Delimiters = Object.freeze({
  element: "*",
  component: ":",
  repetition: "^",
  segment: "~",
  release: null,
  decimal: null,
});

/** Byte form used by the scanner: -1 stands for "none". */
export interface DelimiterBytes {
  readonly element: number;
  /** First byte of the component separator; `componentSeq` is all of it (more than one byte only in UTF-8). */
  readonly component: number;
  readonly componentSeq: Buffer;
  readonly repetition: number;
  readonly release: number;
  readonly segment: Buffer;
  /**
   * What each byte value means to the segment scanner (see `ByteClass`): one table lookup per byte tells an
   * ordinary byte from a delimiter, instead of a comparison per delimiter.
   */
  readonly classes: Uint8Array;
}

/** Byte classes of `DelimiterBytes.classes`. */
export const ByteClass = { data: 0, element: 1, terminator: 2, release: 3, lineBreak: 4 } as const;

/**
 * Byte forms already made, by their characters: a network reads thousands of interchanges a second that
 * nearly all use one of a handful of delimiter sets. The forms are never changed, so they are shared.
 */
const made = new Map<string, DelimiterBytes>();
const keptForms = 256;

export function delimiterBytes(d: Delimiters): DelimiterBytes {
  const key = `${d.element}\u0000${d.component}\u0000${d.repetition}\u0000${d.release}\u0000${d.segment}`;
  const known = made.get(key);
  if (known !== undefined) return known;
  const bytes = makeDelimiterBytes(d);
  // Partners' odd delimiters could otherwise grow the map without bound.
  if (made.size >= keptForms) made.clear();
  made.set(key, bytes);
  return bytes;
}

function makeDelimiterBytes(d: Delimiters): DelimiterBytes {
  const classes = new Uint8Array(256);
  classes[0x0a] = ByteClass.lineBreak;
  classes[0x0d] = ByteClass.lineBreak;
  if (d.release !== null) classes[byteOf(d.release)] = ByteClass.release;
  classes[byteOf(d.element)] = ByteClass.element;
  // Last, so that a line break used as the terminator is one.
  classes[byteOf(d.segment)] = ByteClass.terminator;
  return {
    classes,
    element: byteOf(d.element),
    component: byteOf(d.component),
    componentSeq: Buffer.from(d.component, "latin1"),
    repetition: d.repetition === null ? -1 : byteOf(d.repetition),
    release: d.release === null ? -1 : byteOf(d.release),
    segment: Buffer.from(d.segment, "latin1"),
  };
}

function byteOf(char: string): number {
  return char.charCodeAt(0) & 0xff;
}
