import { type Mode, measure } from "./measure.js";

/** `node worker.js MODE FILE`: one measurement in a fresh process (so that peak RSS is this mode's own), as JSON. */
const [mode, path] = process.argv.slice(2);
if ((mode !== "read" && mode !== "validate") || path === undefined) {
  process.stderr.write("usage: worker.js read|validate FILE\n");
  process.exit(2);
}
process.stdout.write(`${JSON.stringify(measure(mode as Mode, path))}\n`);
