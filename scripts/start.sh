#!/usr/bin/env bash
# Quick start: installs, builds, prepares the database, imports the seed standard and runs the
# API and the worker in the foreground (Ctrl-C stops both). Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

export DATABASE_URL=${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/qualcert}
export REDIS_URL=${REDIS_URL:-redis://127.0.0.1:6379/0}
export PORT=${PORT:-3000}

ensure_postgres
ensure_redis
npm ci --no-audit --no-fund
npm run build
ensure_database "$DATABASE_URL"
npm run migration:run
for text in standards/*.txt; do
  npm run --silent standards:import -- "$text"
done

# The first admin, with a password made here on the first run and kept (outside git) for the next.
credentials=.qualcert/admin.env
if [ ! -f "$credentials" ]; then
  admin_email=admin@qualcert.local
  admin_password=$(node -e 'process.stdout.write(require("crypto").randomBytes(18).toString("base64url"))')
  if ADMIN_PASSWORD="$admin_password" npm run --silent admin:create -- --email "$admin_email" --name "Администратор"; then
    (umask 077 && mkdir -p .qualcert && printf 'ADMIN_EMAIL=%s\nADMIN_PASSWORD=%s\n' "$admin_email" "$admin_password" > "$credentials")
  else
    echo "(an admin account exists already; npm run admin:create adds another)"
  fi
fi
npm run --silent demo:centre

# The issuer's signing key, made on the first run and kept (outside git): the API and the worker
# must share it, or credentials signed by one would not verify in the other.
issuer=.qualcert/issuer.env
if [ -z "${CREDENTIAL_SIGNING_KEY:-}" ]; then
  if [ ! -f "$issuer" ]; then
    (umask 077 && mkdir -p .qualcert && printf 'CREDENTIAL_SIGNING_KEY=%s\n' "$(node -e 'process.stdout.write(require("crypto").randomBytes(32).toString("base64"))')" > "$issuer")
  fi
  export CREDENTIAL_SIGNING_KEY=$(sed -n 's/^CREDENTIAL_SIGNING_KEY=//p' "$issuer")
fi

# See the Dockerfile: a bounded heap keeps the processes' memory flat under load.
export NODE_OPTIONS=${NODE_OPTIONS:---max-old-space-size=192}
node dist/apps/api/src/main.js &
api=$!
node dist/apps/worker/src/main.js &
worker=$!
trap 'kill $api $worker 2>/dev/null; wait' INT TERM EXIT
wait_for "the API" curl -fsS "http://127.0.0.1:$PORT/health"
echo
echo "qualcert is running:"
echo "  portal     http://127.0.0.1:$PORT/"
echo "  API        http://127.0.0.1:$PORT/api/v1/standards"
echo "  OpenAPI    http://127.0.0.1:$PORT/api/docs"
echo "  health     http://127.0.0.1:$PORT/health"
[ -f "$credentials" ] && echo "  admin      $(sed -n 's/^ADMIN_EMAIL=//p' "$credentials") / $(sed -n 's/^ADMIN_PASSWORD=//p' "$credentials")  (kept in $credentials)"
echo "Press Ctrl-C to stop."
wait -n $api $worker
