import { describe, expect, it } from "vitest";
import { UploadStream } from "./upload-stream.js";

async function collect(stream: UploadStream): Promise<string> {
  const parts: Uint8Array[] = [];
  for await (const chunk of stream.chunks()) parts.push(chunk);
  return Buffer.concat(parts).toString();
}

describe("UploadStream", () => {
  it("orders writes that come a little ahead, and ends with every byte", async () => {
    const stream = new UploadStream();
    const read = collect(stream);
    await stream.write(6, Buffer.from("world"));
    await stream.write(0, Buffer.from("hello "));
    stream.end();
    expect(await read).toBe("hello world");
  });

  it("hands the reader batches of the writes, and what is left when the upload ends", async () => {
    const stream = new UploadStream({ batchBytes: 4, highWaterBytes: 64 });
    const sizes: number[] = [];
    const read = (async () => {
      const parts: Uint8Array[] = [];
      for await (const chunk of stream.chunks()) {
        sizes.push(chunk.length);
        parts.push(chunk);
      }
      return Buffer.concat(parts).toString();
    })();
    for (const [offset, text] of [
      [0, "ab"],
      [2, "cd"],
      [4, "efg"],
      [7, "hi"],
    ] as const) {
      await stream.write(offset, Buffer.from(text));
    }
    stream.end();
    expect(await read).toBe("abcdefghi");
    expect(sizes).toEqual([4, 5]);
  });

  it("holds a writer back above the high-water mark until the reader takes the bytes", async () => {
    const stream = new UploadStream({ highWaterBytes: 4 });
    let answered = false;
    const write = stream.write(0, Buffer.from("12345678")).then(() => {
      answered = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(answered).toBe(false);
    const reader = stream.chunks();
    await reader.next();
    await write;
    expect(answered).toBe(true);
  });

  it("refuses a rewrite, a gap left at the end, and too much ahead", async () => {
    const stream = new UploadStream({ maxAheadBytes: 4 });
    await stream.write(0, Buffer.from("ab"));
    await expect(stream.write(0, Buffer.from("x"))).rejects.toThrow("goes back before 2");
    await expect(stream.write(10, Buffer.from("12345"))).rejects.toThrow("leaves a gap after 2");
    await stream.write(5, Buffer.from("z"));
    expect(() => stream.end()).toThrow("bytes 2 to 5 were never written");
  });

  it("cuts the reader off when it fails", async () => {
    const stream = new UploadStream();
    const read = collect(stream);
    await stream.write(0, Buffer.from("partial"));
    stream.fail(new Error("the connection ended"));
    await expect(read).rejects.toThrow("the connection ended");
    await expect(stream.write(7, Buffer.from("more"))).rejects.toThrow("the connection ended");
  });
});
