# Shared by scripts/start.sh and .ci/run: bring up the local services when they do not answer.

wait_for() { # description, command...
  local what=$1; shift
  for _ in $(seq 1 60); do
    if "$@" >/dev/null 2>&1; then return 0; fi
    sleep 0.5
  done
  echo "$what did not come up" >&2
  return 1
}

ensure_postgres() {
  if pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null; then return 0; fi
  if command -v pg_ctlcluster >/dev/null 2>&1 && [ -d /etc/postgresql ]; then
    echo "starting PostgreSQL"
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n 1)" main start
  fi
  wait_for PostgreSQL pg_isready -h 127.0.0.1 -p 5432 -q
}

ensure_redis() {
  if redis-cli -h 127.0.0.1 -p 6379 ping 2>/dev/null | grep -q PONG; then return 0; fi
  if command -v redis-server >/dev/null 2>&1; then
    echo "starting Redis"
    redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no
  fi
  wait_for Redis sh -c 'redis-cli -h 127.0.0.1 -p 6379 ping | grep -q PONG'
}

# Debian's Chromium for the browser tests (driven by playwright-core; no browser download).
ensure_chromium() {
  if [ -x /usr/bin/chromium ]; then return 0; fi
  echo "installing Chromium (apt-get) for the browser tests"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  [ -x /usr/bin/chromium ]
}

# Creates the database named in a postgres:// URL when it does not exist.
ensure_database() { # url
  node -e '
    const { Client } = require("pg");
    const url = new URL(process.argv[1]);
    const name = decodeURIComponent(url.pathname.slice(1));
    url.pathname = "/postgres";
    const c = new Client({ connectionString: url.toString() });
    c.connect()
      .then(() => c.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]))
      .then((r) => (r.rowCount ? null : c.query(`CREATE DATABASE "${name.replace(/"/g, "\"\"")}"`)))
      .then(() => c.end())
      .catch((e) => { console.error(e.message); process.exit(1); });
  ' "$1"
}

drop_database() { # url
  node -e '
    const { Client } = require("pg");
    const url = new URL(process.argv[1]);
    const name = decodeURIComponent(url.pathname.slice(1));
    url.pathname = "/postgres";
    const c = new Client({ connectionString: url.toString() });
    c.connect()
      .then(() => c.query(`DROP DATABASE IF EXISTS "${name.replace(/"/g, "\"\"")}" WITH (FORCE)`))
      .then(() => c.end())
      .catch((e) => { console.error(e.message); process.exit(1); });
  ' "$1"
}
