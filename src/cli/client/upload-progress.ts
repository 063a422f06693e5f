import { Writable } from "node:stream";
import { SingleBar } from "cli-progress";
import type { TextSink } from "../cli-io.js";

/** Follows the bytes of an upload; `finish` leaves the terminal as it found it (bar done, cursor on a new line). */
export interface UploadProgress {
  advance(bytes: number): void;
  finish(): void;
}

const silent: UploadProgress = { advance() {}, finish() {} };

/**
 * A bar with percentage, bytes, rate and ETA on `sink` when it is a terminal; nothing otherwise, so that
 * scripts and logs get no control characters.
 */
export function uploadProgress(sink: TextSink, label: string, total: number): UploadProgress {
  if (!(sink instanceof Writable) || (sink as { isTTY?: boolean }).isTTY !== true) return silent;
  const bar = new SingleBar({
    stream: sink,
    format: `${label} [{bar}] {percentage}% | {done} of {size} | {rate} | ETA {eta_formatted}`,
    barsize: 30,
    hideCursor: true,
    etaBuffer: 50,
  });
  const started = performance.now();
  let done = 0;
  const payload = () => {
    const seconds = (performance.now() - started) / 1000;
    return {
      done: formatBytes(done),
      size: formatBytes(total),
      rate: seconds > 0 ? `${formatBytes(done / seconds)}/s` : "-",
    };
  };
  bar.start(Math.max(total, 1), 0, payload());
  return {
    advance(bytes) {
      done += bytes;
      bar.update(done, payload());
    },
    finish() {
      bar.update(done, payload());
      bar.stop();
    },
  };
}

/** `512 B`, `1.5 KB`, `27.0 MB`, `5.00 GB` (powers of 1000, as disks and networks count). */
export function formatBytes(bytes: number): string {
  const units = ["B", "KB", "MB", "GB", "TB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  if (unit === 0) return `${Math.round(value)} B`;
  return `${value.toFixed(value < 10 ? 2 : 1)} ${units[unit]}`;
}
