/**
 * Page-aligned buffers for direct I/O (O_DIRECT), which needs the memory, the file offset and the length of
 * each write aligned to the device's block. Node's Buffers are not aligned; a WebAssembly memory is (V8 maps it
 * at a page boundary), so each slab is the whole buffer of a memory of its own. Slabs are kept for the next
 * upload, up to a few, so that the memory is mapped once and not per upload.
 */
export const slabBytes = 1024 * 1024;
/** 64 KiB WebAssembly pages in one slab. */
const slabPages = slabBytes / 65536;
const keptIdle = 4;

const idle: Buffer[] = [];

/** WebAssembly's Memory, which @types/node declares only as a type. */
const { Memory } = (
  globalThis as unknown as {
    WebAssembly: { Memory: new (size: { initial: number; maximum: number }) => { buffer: ArrayBuffer } };
  }
).WebAssembly;

export function takeSlab(): Buffer {
  return idle.pop() ?? Buffer.from(new Memory({ initial: slabPages, maximum: slabPages }).buffer);
}

export function giveBackSlab(slab: Buffer): void {
  if (idle.length < keptIdle) idle.push(slab);
}
