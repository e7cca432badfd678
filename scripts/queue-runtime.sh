#!/usr/bin/env bash
# Makes sure Debian's PostgreSQL and Redis servers are installed (the queue-mode tests, the
# queue benchmark and `npm start -- --queue` need both), then prints where they are:
#   PG_BIN=/usr/lib/postgresql/<version>/bin
#   REDIS_SERVER=/usr/bin/redis-server
# Only the binaries are used: the harness (test/queue/topology.js) runs a throw-away cluster and
# a Redis of its own on loopback and free ports, never the distribution's services.
set -euo pipefail
log() { echo "[queue-runtime] $*" >&2; }
pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }
if [ -z "$(pg_bin)" ] || ! command -v redis-server >/dev/null 2>&1; then
  # apt-get needs root; GitHub's runners give sudo instead.
  as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo -n "$@"; fi; }
  log "installing Debian's postgresql and redis-server"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql redis-server >/dev/null
fi
bin=$(pg_bin)
[ -x "$bin/initdb" ] || { log "no initdb under $bin"; exit 1; }
echo "PG_BIN=$bin"
echo "REDIS_SERVER=$(command -v redis-server)"
