#!/usr/bin/env bash
# Installs the MDN HTTP Observatory (the external reference the site-grade test compares
# against) into .cache/observatory, only when missing. Not a devDependency: its postinstall
# downloads the HSTS preload list from the internet, which would break `npm install` on
# machines that reach only the npm registry; --ignore-scripts skips that download.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=.cache/observatory
pkg="$dir/node_modules/@mdn/mdn-http-observatory"
if [ ! -f "$pkg/package.json" ]; then
  mkdir -p "$dir"
  [ -f "$dir/package.json" ] || echo '{ "name": "observatory-reference", "private": true }' > "$dir/package.json"
  npm install --prefix "$dir" --ignore-scripts --no-audit --no-fund --no-save @mdn/mdn-http-observatory@1.4.8 >&2
fi
echo "$PWD/$pkg"
