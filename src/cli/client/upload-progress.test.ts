import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { formatBytes, uploadProgress } from "./upload-progress.js";

/** A stream that says it is a terminal, keeping what is written to it. */
function fakeTerminal(): Writable & { text: string; isTTY: boolean; columns: number } {
  const sink = new Writable({
    write(chunk, _encoding, done) {
      sink.text += String(chunk);
      done();
    },
  }) as Writable & { text: string; isTTY: boolean; columns: number };
  sink.text = "";
  sink.isTTY = true;
  sink.columns = 120;
  return sink;
}

describe("uploadProgress", () => {
  it("draws a bar with percentage, bytes, rate and ETA on a terminal", () => {
    const terminal = fakeTerminal();
    const progress = uploadProgress(terminal, "order.x12", 3_000_000);
    progress.advance(1_500_000);
    progress.advance(1_500_000);
    progress.finish();
    expect(terminal.text).toContain("order.x12 [");
    expect(terminal.text).toContain("100% | 3.00 MB of 3.00 MB |");
    expect(terminal.text).toMatch(/\/s \| ETA /);
  });

  it("writes nothing where the output is not a terminal", () => {
    let written = "";
    const progress = uploadProgress({ write: (text: string) => (written += text) }, "f", 10);
    progress.advance(10);
    progress.finish();
    expect(written).toBe("");
    const pipe = fakeTerminal();
    pipe.isTTY = false;
    uploadProgress(pipe, "f", 10).finish();
    expect(pipe.text).toBe("");
  });
});

describe("formatBytes", () => {
  it("counts in powers of 1000", () => {
    expect(formatBytes(512)).toBe("512 B");
    expect(formatBytes(1500)).toBe("1.50 KB");
    expect(formatBytes(27_000_000)).toBe("27.0 MB");
    expect(formatBytes(5e9)).toBe("5.00 GB");
  });
});
