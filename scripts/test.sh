#!/usr/bin/env bash
# The whole suite: type check, unit and API tests on PGlite, the same on the PostgreSQL server,
# then the browser journeys. Ends with one line: "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
export TEST_POSTGRES_URL_DEFAULT=postgres://postgres@127.0.0.1:5432/postgres
passed=0 failed=0
out=$(mktemp -d)
pg_url=${TEST_POSTGRES_URL:-$TEST_POSTGRES_URL_DEFAULT}
pg_template=secretariat_test_template_$$
trap 'psql -q "$pg_url" -c "drop database if exists $pg_template" >/dev/null 2>&1; rm -rf "$out"' EXIT

step() { # name, command...
  local name=$1; shift
  echo "=== $name"
  if "$@"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAILED: $name"; return 1; fi
}

suite() { # name, env assignments..., -- files...
  local name=$1; shift
  local envs=()
  while [ "$1" != "--" ]; do envs+=("$1"); shift; done
  shift
  echo "=== $name"
  env "${envs[@]}" node --import tsx --test --test-concurrency=2 \
    --test-reporter=spec --test-reporter-destination=stdout \
    --test-reporter=tap --test-reporter-destination="$out/$name.tap" "$@"
  local p f
  p=$(grep -E '^# pass ' "$out/$name.tap" | awk '{print $3}'); f=$(grep -E '^# fail ' "$out/$name.tap" | awk '{print $3}')
  [ -n "$p" ] || { p=0; f=$((f + 1)); echo "FAILED: $name did not report"; }
  passed=$((passed + p)); failed=$((failed + ${f:-1}))
}

server_tests=$(find server web/src -name '*.test.ts' | sort)
db_tests=$(grep -l 'openTestDatabase\|useTestApp' $server_tests)

step typecheck npx tsc -p .
step reference-data node bin/secretariat.js seed --check
step build-web node scripts/build.mjs web
step nats bash scripts/ensure-nats.sh
# Test files start from one database prepared here (server/testing/test-database.ts).
step pglite-image node --import tsx scripts/test-templates.ts pglite "$out/pglite.image" \
  && export TEST_PGLITE_IMAGE="$out/pglite.image"
suite pglite -- $server_tests
unset TEST_PGLITE_IMAGE

if ! pg_isready -q -d "$pg_url" 2>/dev/null; then
  # The development and CI machines start PostgreSQL before the session; start it if it stopped.
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql 2>/dev/null | head -1)" main start >/dev/null 2>&1 || true
  sleep 2
fi
if pg_isready -q -d "$pg_url" 2>/dev/null; then
  step postgres-template node --import tsx scripts/test-templates.ts postgres "$pg_url" "$pg_template" \
    && suite postgres TEST_POSTGRES_URL="$pg_url" TEST_POSTGRES_TEMPLATE="$pg_template" -- $db_tests
else
  echo "FAILED: no PostgreSQL server at $pg_url"; failed=$((failed + 1))
fi

step browser-setup bash scripts/ensure-chromium.sh
suite browser -- e2e/*.test.ts
echo
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
