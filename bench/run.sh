#!/usr/bin/env bash
# Runs every benchmark against a database and a BullMQ prefix of its own (created, migrated,
# removed afterwards): benchmarks fill and wipe tables, and none must see another's rows or jobs.
# Usage: bench/run.sh [name ...] runs only the named benchmarks (e.g. eligibility).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
ensure_postgres
ensure_redis
base=${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/qualcert}
export LOG_LEVEL=warn
current_url=""
current_prefix=""
cleanup() {
  if [ -n "$current_url" ]; then drop_database "$current_url" || true; fi
  if [ -n "$current_prefix" ]; then
    # The prefix itself, and the sub-prefixes (prefix.name) a benchmark gives its separate runs.
    for pattern in "${current_prefix}:*" "${current_prefix}.*"; do
      redis-cli -h 127.0.0.1 -p 6379 --scan --pattern "$pattern" | xargs -r redis-cli -h 127.0.0.1 -p 6379 del >/dev/null || true
    done
  fi
}
trap cleanup EXIT

benches=()
if [ $# -gt 0 ]; then
  for name in "$@"; do benches+=("dist/bench/${name}.bench.js"); done
else
  benches=(dist/bench/*.bench.js)
fi

n=0
for bench in "${benches[@]}"; do
  n=$((n + 1))
  current_url="${base%/*}/qualcert_bench_$$_${n}"
  current_prefix="qualcert-bench-$$-${n}"
  export DATABASE_URL="$current_url" BULLMQ_PREFIX="$current_prefix"
  ensure_database "$DATABASE_URL"
  npm run --silent migration:run > /dev/null
  node "$bench"
  cleanup
  current_url=""
  current_prefix=""
done
node dist/bench/support/summary.js
