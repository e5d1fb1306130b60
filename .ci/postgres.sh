#!/usr/bin/env bash
# A PostgreSQL server on loopback for the storage tests (every storage test runs on SQLite and PostgreSQL).
# Idempotent, for a fresh Debian machine as root: installs Debian's postgresql when missing, starts a
# cluster listening on 127.0.0.1, creates the role zhida (with a password: the tests connect over TCP,
# where pg_hba.conf asks for scram-sha-256) and the database zhida_test, and prints the URL on stdout —
# everything else goes to stderr, so that `export TEST_DATABASE_URL="$(bash .ci/postgres.sh)"` works.
# Test-only credentials on a loopback-only server; override with ZHIDA_PG_PASSWORD.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
PASSWORD="${ZHIDA_PG_PASSWORD:-zhida-test}"
log() { echo "postgres.sh: $*" >&2; }

if ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || ! command -v pg_ctlcluster >/dev/null 2>&1; then
  log "installing Debian's postgresql"
  apt-get update -qq >&2
  apt-get install -y -qq postgresql >&2
fi

# The newest installed major version, and its first cluster (Debian's package creates "main"; a machine
# where the package was installed without one gets it created here).
VERSION="$(ls /usr/lib/postgresql | sort -n | tail -1)"
CLUSTER="$(pg_lsclusters -h | awk -v v="$VERSION" '$1 == v { print $2; exit }')"
if [ -z "$CLUSTER" ]; then
  CLUSTER=main
  log "creating cluster $VERSION/$CLUSTER"
  pg_createcluster "$VERSION" "$CLUSTER" >&2
fi
PORT="$(pg_lsclusters -h | awk -v v="$VERSION" -v c="$CLUSTER" '$1 == v && $2 == c { print $3 }')"

# Loopback only: the tests connect to 127.0.0.1, and nothing else should reach a test server.
CONF="/etc/postgresql/$VERSION/$CLUSTER/postgresql.conf"
LISTEN="$(pg_conftool -s "$VERSION" "$CLUSTER" show listen_addresses 2>/dev/null || echo localhost)"
case "$LISTEN" in
  localhost|127.0.0.1|*127.0.0.1*) ;;
  *) log "setting listen_addresses = '127.0.0.1' in $CONF"
     pg_conftool "$VERSION" "$CLUSTER" set listen_addresses '127.0.0.1'
     if pg_lsclusters -h | awk -v v="$VERSION" -v c="$CLUSTER" '$1 == v && $2 == c && $4 == "online" { f = 1 } END { exit !f }'; then
       pg_ctlcluster "$VERSION" "$CLUSTER" restart >&2
     fi ;;
esac

if ! pg_lsclusters -h | awk -v v="$VERSION" -v c="$CLUSTER" '$1 == v && $2 == c && $4 == "online" { f = 1 } END { exit !f }'; then
  log "starting cluster $VERSION/$CLUSTER on port $PORT"
  pg_ctlcluster "$VERSION" "$CLUSTER" start >&2
fi
for _ in $(seq 1 60); do
  pg_isready -q -h 127.0.0.1 -p "$PORT" && break
  sleep 0.5
done
pg_isready -q -h 127.0.0.1 -p "$PORT" || { log "PostgreSQL $VERSION/$CLUSTER does not answer on 127.0.0.1:$PORT"; exit 1; }

psql_admin() { runuser -u postgres -- psql -X -q -v ON_ERROR_STOP=1 -p "$PORT" "$@"; }
# CREATEDB so that a test may make a database of its own; the storage tests use a fresh schema each.
psql_admin -v pw="$PASSWORD" >&2 <<'SQL'
SELECT format(CASE WHEN EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'zhida')
                   THEN 'ALTER ROLE zhida LOGIN CREATEDB PASSWORD %L'
                   ELSE 'CREATE ROLE zhida LOGIN CREATEDB PASSWORD %L' END, :'pw') \gexec
SELECT 'CREATE DATABASE zhida_test OWNER zhida'
 WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = 'zhida_test') \gexec
SQL

URL="postgres://zhida:${PASSWORD}@127.0.0.1:${PORT}/zhida_test"
PGPASSWORD="$PASSWORD" psql -X -q -h 127.0.0.1 -p "$PORT" -U zhida -d zhida_test -c 'SELECT 1' >/dev/null \
  || { log "cannot connect as zhida to $URL"; exit 1; }
log "ready: PostgreSQL $VERSION/$CLUSTER on 127.0.0.1:$PORT"
echo "$URL"
