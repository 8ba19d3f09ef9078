#!/usr/bin/env bash
# Runs the published packages' tests and the framework examples on the other supported Node lines
# (npm test runs everything on the machine's own Node). Each Node binary comes, pinned, from the npm
# registry's node-linux-<arch> package, so CI needs nothing but npm. Prints tests passed per line.
#
#   scripts/ci/node-lines.sh                 Node 22, 24 and 26
#   NODE_LINES="24.22.3" scripts/ci/node-lines.sh
set -euo pipefail
cd "$(dirname "$0")/../.."

versions="${NODE_LINES:-22.23.5 24.22.3 26.12.1}"
cache="${NODE_LINES_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/passport-nl-node-lines}"
case "$(uname -m)" in
  x86_64) arch=x64 ;;
  aarch64 | arm64) arch=arm64 ;;
  *) echo "node-lines: no node-linux package for $(uname -m)" >&2; exit 1 ;;
esac

# The packages users install and the examples of each framework; the demo's browser suites stay on one line.
projects=()
for dir in packages/passport-* examples/minimal examples/fastify examples/koa examples/nest; do
  [ -d "$dir/test" ] && projects+=("$(basename "$dir")")
done

summary=()
for version in $versions; do
  dir="$cache/$version"
  if [ ! -x "$dir/package/bin/node" ]; then
    rm -rf "$dir" && mkdir -p "$dir"
    (cd "$dir" && npm pack "node-linux-$arch@$version" --silent >/dev/null && tar xzf "node-linux-$arch-$version.tgz" && rm "node-linux-$arch-$version.tgz")
  fi
  echo "== Node $("$dir/package/bin/node" --version): ${projects[*]}"
  report="$(mktemp)"
  status=0
  PATH="$dir/package/bin:$PATH" node node_modules/jest/bin/jest.js --ci --selectProjects "${projects[@]}" \
    --json --outputFile="$report" || status=$?
  summary+=("$(node -e '
    const r = JSON.parse(require("node:fs").readFileSync(process.argv[1], "utf8"));
    console.log(`Node ${process.argv[2]}: ${r.numPassedTests}/${r.numTotalTests} tests passed in ${r.numTotalTestSuites} suites`);
  ' "$report" "$version")")
  rm -f "$report"
  [ "$status" -eq 0 ] || { printf '%s\n' "${summary[@]}"; echo "node-lines: Node $version failed" >&2; exit "$status"; }
done
printf '%s\n' "${summary[@]}"
