#!/usr/bin/env bash
# Quick start: installs, builds, prepares the database, imports the seed standard and runs the
# API and the worker (Ctrl-C or SIGTERM stops both). Safe to run again. Each step prints one line;
# the steps' full output goes to .qualcert/logs/start.log, the processes' logs beside it.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

export DATABASE_URL=${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/qualcert}
export REDIS_URL=${REDIS_URL:-redis://127.0.0.1:6379/0}
export PORT=${PORT:-3000}

logs=.qualcert/logs
mkdir -p "$logs"
log=$logs/start.log
: >"$log"

# step "what" command...: runs the command with its output in the log, and prints one line.
step() {
  local what=$1
  shift
  printf '  %-28s' "$what"
  if "$@" >>"$log" 2>&1; then
    echo "done"
  else
    echo "FAILED; the last lines of $log:"
    tail -n 25 "$log" | sed 's/^/    /'
    exit 1
  fi
}

echo "qualcert: starting (full output in $log)"
step "PostgreSQL and Redis" sh -c '. scripts/lib.sh && ensure_postgres && ensure_redis'
step "dependencies (npm ci)" npm ci --no-audit --no-fund
step "build" npm run build
step "database" ensure_database "$DATABASE_URL"

before=$(grep -c 'has been executed successfully' "$log" || true)
step "migrations" npm run migration:run
applied=$(($(grep -c 'has been executed successfully' "$log" || true) - before))
echo "    $applied applied, the schema is up to date"

for text in standards/*.txt; do
  out=$(mktemp)
  step "standard" sh -c 'npm run --silent standards:import -- "$1" >"$2"' _ "$text" "$out"
  cat "$out" >>"$log"
  # The summary's first line (imported or unchanged) and its counts, without the warnings' list.
  echo "    $text: $(head -n 1 "$out")"
  echo "    $(grep -E '^  (cards|warnings):' "$out" | sed 's/^ *//' | paste -sd ',' - | sed 's/,/, /g')"
  rm -f "$out"
done

# The first admin, with a password made here on the first run and kept (outside git) for the next.
credentials=.qualcert/admin.env
if [ ! -f "$credentials" ]; then
  admin_password=$(node -e 'process.stdout.write(require("crypto").randomBytes(18).toString("base64url"))')
  if ADMIN_PASSWORD="$admin_password" npm run --silent admin:create -- --email admin@qualcert.local --name "Администратор" >>"$log" 2>&1; then
    (umask 077 && printf 'ADMIN_EMAIL=%s\nADMIN_PASSWORD=%s\n' admin@qualcert.local "$admin_password" >"$credentials")
  else
    echo "  (an admin account exists already; npm run admin:create adds another)"
  fi
fi
step "demo centre" npm run --silent demo:centre

# The issuer's signing key, made on the first run and kept (outside git): the API and the worker
# must share it, or credentials signed by one would not verify in the other.
issuer=.qualcert/issuer.env
if [ -z "${CREDENTIAL_SIGNING_KEY:-}" ]; then
  if [ ! -f "$issuer" ]; then
    (umask 077 && printf 'CREDENTIAL_SIGNING_KEY=%s\n' "$(node -e 'process.stdout.write(require("crypto").randomBytes(32).toString("base64"))')" >"$issuer")
  fi
  CREDENTIAL_SIGNING_KEY=$(sed -n 's/^CREDENTIAL_SIGNING_KEY=//p' "$issuer")
  export CREDENTIAL_SIGNING_KEY
fi

# Stop both processes on Ctrl-C, SIGTERM or either one ending. `npm start` execs this script, so
# a SIGTERM sent to npm reaches this shell and not only an intermediate `sh`.
stop() {
  trap - INT TERM EXIT
  kill "${api:-}" "${worker:-}" 2>/dev/null || true
  wait 2>/dev/null || true
  echo "qualcert: stopped"
}
trap stop INT TERM EXIT

# See the Dockerfile: a bounded heap keeps the processes' memory flat under load.
export NODE_OPTIONS=${NODE_OPTIONS:---max-old-space-size=192}
node dist/apps/api/src/main.js >>"$logs/api.log" 2>&1 &
api=$!
node dist/apps/worker/src/main.js >>"$logs/worker.log" 2>&1 &
worker=$!
if ! wait_for "the API" curl -fsS "http://127.0.0.1:$PORT/health"; then
  tail -n 25 "$logs/api.log" | sed 's/^/    /'
  exit 1
fi
echo
echo "qualcert is running:"
echo "  portal     http://127.0.0.1:$PORT/"
echo "  API        http://127.0.0.1:$PORT/api/v1/standards   (OpenAPI: http://127.0.0.1:$PORT/api/docs)"
echo "  health     http://127.0.0.1:$PORT/health"
echo "  logs       $logs/api.log, $logs/worker.log"
[ -f "$credentials" ] && echo "  admin      $(sed -n 's/^ADMIN_EMAIL=//p' "$credentials") / $(sed -n 's/^ADMIN_PASSWORD=//p' "$credentials")  (kept in $credentials)"
echo "Press Ctrl-C to stop."
wait -n "$api" "$worker" || true
