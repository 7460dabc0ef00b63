#!/usr/bin/env bash
# A throwaway PostgreSQL 15 server for running the integration tests against
# real PostgreSQL (Debian's packages in /usr/lib/postgresql/15/bin).
#
#   scripts/pg-cluster.sh run COMMAND [ARGS...]
#       starts a cluster in a temporary folder on a free port, runs COMMAND with
#       DATABASE_URL=postgres://postgres@127.0.0.1:<port>/postgres, stops and
#       removes the cluster however COMMAND ends, and exits with COMMAND's status.
#
# initdb refuses to run as root: as root the server runs as the `postgres`
# user (runuser), which also owns the data and socket folders.
set -euo pipefail

PG_BIN="${PG_BIN:-/usr/lib/postgresql/15/bin}"

log() { echo "[pg-cluster] $*" >&2; }

ensure_binaries() {
  if [[ -x "$PG_BIN/initdb" && -x "$PG_BIN/pg_ctl" ]]; then return; fi
  if [[ "$(id -u)" == 0 ]] && command -v apt-get >/dev/null; then
    log "PostgreSQL 15 is missing: installing Debian's postgresql-15"
    DEBIAN_FRONTEND=noninteractive apt-get update
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends postgresql-15
  else
    log "PostgreSQL 15 server binaries not found in $PG_BIN. Install them (Debian: sudo apt-get install postgresql-15) or set PG_BIN."
    exit 1
  fi
}

# Runs a PostgreSQL tool as the user that owns the cluster.
as_owner() {
  if [[ "$(id -u)" == 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

port_is_free() {
  ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# The first port from $1 that nothing answers on.
pick_port() {
  local port
  for port in $(seq "$1" 55532); do
    if port_is_free "$port"; then echo "$port"; return; fi
  done
  log "no free port between $1 and 55532"
  exit 1
}

CLUSTER_DIR=""
stop_cluster() {
  [[ -n "$CLUSTER_DIR" && -d "$CLUSTER_DIR" ]] || return 0
  if [[ -f "$CLUSTER_DIR/data/postmaster.pid" ]]; then
    as_owner "$PG_BIN/pg_ctl" -D "$CLUSTER_DIR/data" -m immediate -w stop >/dev/null 2>&1 || log "pg_ctl stop failed (see $CLUSTER_DIR/server.log)"
  fi
  rm -rf "$CLUSTER_DIR"
  CLUSTER_DIR=""
}

start_cluster() {
  ensure_binaries
  CLUSTER_DIR="$(mktemp -d "${TMPDIR:-/tmp}/samspill-pg-XXXXXX")"
  mkdir -p "$CLUSTER_DIR/data" "$CLUSTER_DIR/sock"
  if [[ "$(id -u)" == 0 ]]; then
    id postgres >/dev/null 2>&1 || { log "user 'postgres' is missing (it comes with the postgresql-15 package)"; exit 1; }
    chown -R postgres:postgres "$CLUSTER_DIR"
  fi
  as_owner "$PG_BIN/initdb" -D "$CLUSTER_DIR/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$CLUSTER_DIR/initdb.log" 2>&1 \
    || { cat "$CLUSTER_DIR/initdb.log" >&2; exit 1; }
  # A port nothing answers on can still be taken: the local end of a client's connection (Linux hands out ports up
  # to 60999 for those), and then the server cannot bind it. So on "Address already in use", the next port.
  local from="${PG_PORT:-55432}" attempt
  for attempt in 1 2 3 4 5; do
    PORT="$(pick_port "$from")"
    rm -f "$CLUSTER_DIR/server.log"
    # Tests create and drop one database per file: no durability needed.
    if as_owner "$PG_BIN/pg_ctl" -D "$CLUSTER_DIR/data" -l "$CLUSTER_DIR/server.log" -w -t 60 \
      -o "-p $PORT -k $CLUSTER_DIR/sock -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
      start >/dev/null; then
      break
    fi
    if [[ $attempt -lt 5 ]] && grep -q "Address already in use" "$CLUSTER_DIR/server.log"; then
      log "port $PORT is in use; trying the next one"
      from=$((PORT + 1))
      continue
    fi
    cat "$CLUSTER_DIR/server.log" >&2
    exit 1
  done
  export DATABASE_URL="postgres://postgres@127.0.0.1:$PORT/postgres"
  log "PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') running on port $PORT (data in $CLUSTER_DIR)"
}

case "${1:-}" in
  run)
    shift
    [[ $# -gt 0 ]] || { echo "usage: $0 run COMMAND [ARGS...]" >&2; exit 2; }
    trap stop_cluster EXIT
    trap 'exit 130' INT TERM
    start_cluster
    status=0
    "$@" || status=$?
    exit "$status"
    ;;
  *)
    echo "usage: $0 run COMMAND [ARGS...]" >&2
    exit 2
    ;;
esac
