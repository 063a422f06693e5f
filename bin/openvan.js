#!/usr/bin/env node
// Runs the built CLI. `npm ci` builds it (the `prepare` script). Node flags written on the line above are
// also used by the benchmarks when they start the server (bench/openvan-command.ts).
import { main } from "../dist/cli/main.js";

process.exitCode = await main(process.argv);
