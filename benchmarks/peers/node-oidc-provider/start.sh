#!/usr/bin/env bash
# Start the node-oidc-provider benchmark peer in the foreground.
#   start.sh <port> <rp-base-url> [<rp-count>=10] [<user-count>=100]
# Installs the pinned dependencies (npm ci, from package-lock.json) on first use.
# Prints "READY http://127.0.0.1:<port>" on stdout once listening; stop it with SIGTERM.
set -euo pipefail

if [ "$#" -lt 2 ] || [ "$#" -gt 4 ]; then
  echo "usage: $0 <port> <rp-base-url> [<rp-count>=10] [<user-count>=100]" >&2
  exit 2
fi

cd "$(dirname "${BASH_SOURCE[0]}")"

if [ ! -d node_modules ]; then
  # npm's own output goes to stderr so stdout carries only the READY line
  npm ci --no-audit --no-fund 1>&2
fi

exec node server.mjs "$1" "$2" "${3:-10}" "${4:-100}"
