#!/usr/bin/env bash
# Runs every benchmark against a database of its own (created, migrated, dropped afterwards).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
ensure_postgres
ensure_redis
base=${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/qualcert}
export DATABASE_URL="${base%/*}/qualcert_bench_$$"
export BULLMQ_PREFIX="qualcert-bench-$$"
export LOG_LEVEL=warn
trap 'drop_database "$DATABASE_URL"' EXIT
ensure_database "$DATABASE_URL"
npm run --silent migration:run > /dev/null
for bench in dist/bench/*.bench.js; do
  node "$bench"
done
