import { constants } from "node:fs";
import { type FileHandle, open } from "node:fs/promises";
import { giveBackSlab, slabBytes, takeSlab } from "./aligned-slabs.js";

/** Whether the blob folder's file system takes direct I/O; learnt from the first large upload. */
export interface DirectIo {
  usable: boolean;
}

/** Direct writes are aligned to this (a page: no disk of this decade has a larger logical block). */
const directAlign = 4096;
/** A large buffered upload starts flushing what it has written each time this much more has come. */
const flushBehindBytes = 32 * 1024 * 1024;

/**
 * Writes one blob file that must be durable at the end, whatever its size.
 *
 * The first MiB goes through the page cache, as small files should. Past it, the bytes are copied into aligned
 * 1 MiB slabs and written with O_DIRECT, one slab on its way to the disk while the next fills: a multi-GB
 * upload then leaves no dirty pages for the closing flush to write while its sender waits, and costs no page
 * cache. Filling the page cache is not free either: measured on this project's 2-core VM, buffered writes of
 * a GiB into pages not used before took 1.8 s of kernel time, the same GiB with O_DIRECT 0.1 s. The last
 * partial page goes through the page cache too. Where the file system refuses O_DIRECT (tmpfs, some network
 * file systems), everything is written buffered and flushed in the background every 32 MiB instead.
 */
export class BlobFileWriter {
  readonly #file: FileHandle;
  readonly #path: string;
  readonly #directIo: DirectIo;
  #size = 0;
  /** Buffered mode: bytes written since the last background flush began, and that flush. */
  #unflushed = 0;
  #flushing: Promise<void> | null = null;
  /** Direct mode: the second handle, the slab being filled, where it goes, and the slab being written. */
  #direct: FileHandle | null = null;
  #slab: Buffer | null = null;
  #slabAt = 0;
  #fill = 0;
  #spare: Buffer | null = null;
  #writing: Promise<void> | null = null;

  private constructor(file: FileHandle, path: string, directIo: DirectIo) {
    this.#file = file;
    this.#path = path;
    this.#directIo = directIo;
  }

  /** Creates `path`, which must not exist. */
  static async create(path: string, directIo: DirectIo): Promise<BlobFileWriter> {
    return new BlobFileWriter(await open(path, "wx"), path, directIo);
  }

  /** Whether the bytes past the first MiB are being written with O_DIRECT. */
  get direct(): boolean {
    return this.#direct !== null;
  }

  async write(chunk: Uint8Array): Promise<void> {
    let rest = chunk;
    if (this.#slab === null) {
      const buffered = this.#directIo.usable ? Math.min(rest.length, slabBytes - this.#size) : rest.length;
      if (buffered > 0) {
        await this.#writeBuffered(rest.subarray(0, buffered));
        rest = rest.subarray(buffered);
      }
      if (rest.length === 0) return;
      if (!(await this.#goDirect())) return this.#writeBuffered(rest);
    }
    while (rest.length > 0) {
      const slab = this.#slab as Buffer;
      const taken = Math.min(rest.length, slabBytes - this.#fill);
      slab.set(rest.subarray(0, taken), this.#fill);
      this.#fill += taken;
      this.#size += taken;
      rest = rest.subarray(taken);
      if (this.#fill === slabBytes) await this.#sendSlab();
    }
  }

  /** Writes what is left and flushes the file: on return every byte is on the disk. */
  async finish(): Promise<void> {
    if (this.#slab !== null) {
      await this.#writing;
      const aligned = this.#fill - (this.#fill % directAlign);
      if (aligned > 0) await this.#writeDirect(this.#slab.subarray(0, aligned), this.#slabAt);
      if (this.#fill > aligned) {
        await writeAt(this.#file, this.#slab.subarray(aligned, this.#fill), this.#slabAt + aligned);
      }
    }
    await this.#flushing;
    await this.#file.sync();
  }

  /** Closes the file, also after a failure; what was written stays for the caller to remove. */
  async close(): Promise<void> {
    await Promise.allSettled([this.#writing, this.#flushing]);
    for (const slab of [this.#slab, this.#spare]) if (slab !== null) giveBackSlab(slab);
    this.#slab = null;
    this.#spare = null;
    await this.#direct?.close();
    await this.#file.close();
  }

  async #writeBuffered(bytes: Uint8Array): Promise<void> {
    await writeAt(this.#file, bytes, this.#size);
    this.#size += bytes.length;
    this.#unflushed += bytes.length;
    if (this.#unflushed < flushBehindBytes || this.#flushing !== null) return;
    this.#unflushed = 0;
    // The kernel would keep the whole file in dirty pages (writeback starts at a tenth of memory) and the
    // closing flush would write all of it while the sender waits.
    const flushing = this.#file.datasync().finally(() => {
      if (this.#flushing === flushing) this.#flushing = null;
    });
    flushing.catch(() => {});
    this.#flushing = flushing;
  }

  /** Opens the direct handle at the first MiB; false (and buffered from now on) where O_DIRECT is refused. */
  async #goDirect(): Promise<boolean> {
    try {
      this.#direct = await open(this.#path, constants.O_WRONLY | constants.O_DIRECT);
    } catch (error) {
      if (!isRefusal(error)) throw error;
      this.#directIo.usable = false;
      return false;
    }
    this.#slab = takeSlab();
    this.#spare = takeSlab();
    this.#slabAt = this.#size;
    return true;
  }

  /** Starts writing the full slab and fills the other one meanwhile (once its own write is done). */
  async #sendSlab(): Promise<void> {
    await this.#writing;
    const full = this.#slab as Buffer;
    const writing = this.#writeDirect(full, this.#slabAt);
    writing.catch(() => {});
    this.#writing = writing;
    this.#slab = this.#spare;
    this.#spare = full;
    this.#slabAt += slabBytes;
    this.#fill = 0;
  }

  async #writeDirect(bytes: Buffer, at: number): Promise<void> {
    try {
      await writeAt(this.#direct as FileHandle, bytes, at);
    } catch (error) {
      if (!isRefusal(error)) throw error;
      // A file system that opens with O_DIRECT and then refuses the write: the page cache it is.
      this.#directIo.usable = false;
      await writeAt(this.#file, bytes, at);
    }
  }
}

/** Writes all of `bytes` at `at` (a write to a file may take fewer bytes than it was given). */
async function writeAt(file: FileHandle, bytes: Uint8Array, at: number): Promise<void> {
  for (let done = 0; done < bytes.length; ) {
    done += (await file.write(bytes, done, bytes.length - done, at + done)).bytesWritten;
  }
}

function isRefusal(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === "EINVAL";
}
