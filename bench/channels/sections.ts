import { as2Section } from "./as2/as2-section.js";
import type { BenchSection } from "./bench-section.js";
import { sftpSection } from "./sftp/sftp-section.js";

/** The sections of `npm run bench:channels`, in the order they run. */
export const sections: readonly BenchSection[] = [sftpSection, as2Section];
