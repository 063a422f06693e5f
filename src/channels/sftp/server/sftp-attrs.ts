import type { Attributes, FileEntry } from "ssh2";

const directoryMode = 0o040755;
const fileMode = 0o100644;
const months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

export function directoryAttrs(at: Date): Attributes {
  const time = Math.floor(at.getTime() / 1000);
  return { mode: directoryMode, uid: 0, gid: 0, size: 0, atime: time, mtime: time };
}

export function fileAttrs(size: number, at: Date): Attributes {
  const time = Math.floor(at.getTime() / 1000);
  return { mode: fileMode, uid: 0, gid: 0, size, atime: time, mtime: time };
}

/** A listing entry; `longname` is what `ls -l` shows, in the form of `ls -l` itself. */
export function entryOf(filename: string, attrs: Attributes): FileEntry {
  const at = new Date(attrs.mtime * 1000);
  const kind = (attrs.mode & 0o170000) === 0o040000 ? "drwxr-xr-x" : "-rw-r--r--";
  const time = `${months[at.getUTCMonth()]} ${String(at.getUTCDate()).padStart(2)} ${String(at.getUTCHours()).padStart(2, "0")}:${String(at.getUTCMinutes()).padStart(2, "0")}`;
  return {
    filename,
    longname: `${kind}    1 openvan  openvan  ${String(attrs.size).padStart(12)} ${time} ${filename}`,
    attrs,
  };
}
