import { Readable } from "node:stream";

/** A byte stream that ends at once (an empty range). */
export function emptyStream(): Readable {
  return new Readable({
    read() {
      this.push(null);
    },
  });
}
