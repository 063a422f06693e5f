#!/usr/bin/env -S node --max-semi-space-size=8
// Runs the built CLI. `npm ci` builds it (the `prepare` script).
// --max-semi-space-size=8: V8's young generation at half its default. OpenVAN's garbage is short-lived buffers
// (request bodies, upload packets); a smaller nursery is swept more often, which in measurements avoided runs of
// full collections during SFTP uploads (0.72x OpenSSH's speed and 206 MB without it, about 1x and under 200 MB
// with it), cost the routing path nothing measurable, and left the idle server ~13 MB smaller. Benchmarks start
// the server with the flags of this line (bench/openvan-command.ts).
import { main } from "../dist/cli/main.js";

process.exitCode = await main(process.argv);
