import { type FileHandle, open } from "node:fs/promises";
import { dirname } from "node:path";

/**
 * Makes the commits of a WAL-mode SQLite database durable off the main thread. SQLite runs with
 * `synchronous = NORMAL`: a commit appends its frames to the `-wal` file without waiting for the disk, and
 * OpenVAN then flushes that file with `fdatasync` on libuv's thread pool before telling anyone the commit
 * happened. Flushing the file flushes every frame written to it so far, so the callers that ask while a flush
 * is under way share the next one: one flush serves all the commits made before it began.
 *
 * Why not `synchronous = FULL`: SQLite would flush inside the commit, blocking the event loop (better-sqlite3
 * is synchronous) for the whole flush. Durability is the same: a commit's caller hears back only once its
 * frames are on disk, and the WAL's checksummed frames are recovered only as an unbroken prefix, so no later
 * commit can survive a power loss that an earlier one did not.
 */
export class WalSync {
  #file: FileHandle | null = null;
  #running: Promise<void> | null = null;
  #next: Promise<void> | null = null;
  #closed = false;

  constructor(private readonly databasePath: string) {}

  /** Resolves once everything committed before the call is on disk. */
  sync(): Promise<void> {
    if (this.#running === null) {
      this.#running = this.#flush().finally(() => {
        this.#running = null;
      });
      return this.#running;
    }
    // A flush already under way may have begun before the caller's commit: the caller waits for the next one,
    // which every caller arriving meanwhile shares.
    if (this.#next === null) {
      this.#next = this.#running.then(
        () => this.#startNext(),
        () => this.#startNext(),
      );
    }
    return this.#next;
  }

  async close(): Promise<void> {
    this.#closed = true;
    await Promise.allSettled([this.#running, this.#next]);
    await this.#file?.close();
    this.#file = null;
  }

  #startNext(): Promise<void> {
    this.#next = null;
    return this.sync();
  }

  async #flush(): Promise<void> {
    if (this.#closed) throw new Error("the database is closed");
    if (this.#file === null) {
      // The -wal file exists from the first write on, and lives as long as this connection does. Its folder
      // entry is flushed once too: a new file's name must survive a crash as well as its bytes.
      this.#file = await open(`${this.databasePath}-wal`, "r+");
      const folder = await open(dirname(this.databasePath), "r");
      try {
        await folder.sync();
      } finally {
        await folder.close();
      }
    }
    await this.#file.datasync();
  }
}
