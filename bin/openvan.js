#!/usr/bin/env -S node --max-semi-space-size=8
// Runs the built CLI. `npm ci` builds it (the `prepare` script).
// --max-semi-space-size=8: V8's young generation at half its default. OpenVAN's garbage is short-lived buffers
// (request bodies, upload packets); a smaller nursery is swept more often at about the same total cost, and the
// idle server holds ~13 MB less. Benchmarks start the server with the flags of this line (bench/openvan-command.ts).
import { main } from "../dist/cli/main.js";

process.exitCode = await main(process.argv);
