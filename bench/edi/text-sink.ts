import { closeSync, openSync, renameSync, writeSync } from "node:fs";

const FLUSH_AT = 1 << 20;

/** Appends ASCII text to a file in large writes; the file appears under its final name only when closed. */
export class TextSink {
  #fd: number;
  #pending: string[] = [];
  #pendingLength = 0;
  #bytes = 0;
  readonly #path: string;
  readonly #partPath: string;

  constructor(path: string) {
    this.#path = path;
    this.#partPath = `${path}.part`;
    this.#fd = openSync(this.#partPath, "w");
  }

  get bytes(): number {
    return this.#bytes;
  }

  write(text: string): void {
    this.#pending.push(text);
    this.#pendingLength += text.length;
    this.#bytes += text.length;
    if (this.#pendingLength >= FLUSH_AT) this.#flush();
  }

  close(): void {
    this.#flush();
    closeSync(this.#fd);
    renameSync(this.#partPath, this.#path);
  }

  #flush(): void {
    if (this.#pendingLength === 0) return;
    writeSync(this.#fd, this.#pending.join(""), null, "latin1");
    this.#pending = [];
    this.#pendingLength = 0;
  }
}
