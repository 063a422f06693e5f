#!/usr/bin/env bash
# The test command (`npm test`): lint, type-check, then every test. Runs from any folder.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

# The servers that integration tests talk to (PostgreSQL; the S3 stand-in starts inside the tests).
bash scripts/test-peers.sh

npx biome check .
npx tsc -p tsconfig.json --noEmit
npx vitest run
