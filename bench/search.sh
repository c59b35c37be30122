#!/usr/bin/env bash
# The search benchmark: seeds 100,000 stores and 500,000 products in a 40 × 40 km city (bench/LocalLoop.LoadDriver
# --scenario seed-search), lets the app rebuild its search index at start, then fires nearby + category + keyword
# searches over HTTP. Usage: bench/search.sh [seconds] [concurrency list] [radius km] [Sqlite|Postgres|both]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
seconds=${1:-15}
concurrency=${2:-8,32}
radius=${3:-3}
which=${4:-both}
port=5091
# The app and PostgreSQL share the machine: no TLS on the loopback connection, as a deployment on one host or a private
# network would run it (TLS would cost both processes CPU on every statement).
pg="Host=127.0.0.1;Port=5432;Username=localloop;Password=localloop;SSL Mode=Disable"
driver="$root/bench/LocalLoop.LoadDriver/bin/Release/net10.0/LocalLoop.LoadDriver.dll"

dotnet build -c Release src/LocalLoop -v q -nologo >/dev/null
dotnet build -c Release bench/LocalLoop.LoadDriver -v q -nologo >/dev/null

start_app() { # provider, connection string
  (cd src/LocalLoop && exec dotnet bin/Release/net10.0/LocalLoop.dll --urls "http://127.0.0.1:$port" \
    --Database:Provider "$1" --ConnectionStrings:LocalLoop "$2" --Logging:LogLevel:Default Warning >/dev/null 2>&1) &
  app=$!
  local started=$SECONDS
  until curl -sf "http://127.0.0.1:$port/health" >/dev/null; do
    kill -0 "$app" 2>/dev/null || { echo "the app exited"; return 1; }
    sleep 0.5
  done
  echo "  app ready after $((SECONDS - started)) s"
}

stop_app() { kill "$app"; wait "$app" 2>/dev/null || true; }

run() { # provider, connection string
  echo "== $1"
  start_app "$1" "$2"   # migrates and seeds the demo data
  stop_app
  dotnet "$driver" --scenario seed-search --provider "$1" --db "$2"
  if [ "$1" = Postgres ]; then PGPASSWORD=localloop psql -h 127.0.0.1 -U localloop -d localloop_search_bench -qc 'ANALYZE "Merchants", "Stores", "StoreHours", "Products"'; fi
  start_app "$1" "$2"   # rebuilds the search index: it is empty after seeding
  # After a bulk build every row's visibility is still unknown to readers; VACUUM settles it once, as autovacuum would.
  if [ "$1" = Postgres ]; then PGPASSWORD=localloop psql -h 127.0.0.1 -U localloop -d localloop_search_bench -qc 'VACUUM ANALYZE "StoreSearchDocs", "StoreSearchTitles"'; fi
  dotnet "$driver" --scenario search --url "http://127.0.0.1:$port" --provider "$1" --seconds "$seconds" --concurrency "$concurrency" --radius "$radius" || true
  stop_app
}

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(uname -sr), dotnet $(dotnet --version)"
if [ "$which" != Postgres ]; then
  db=$(mktemp -d)/search-bench.db
  run Sqlite "Data Source=$db"
  rm -f "$db"
fi
if [ "$which" != Sqlite ]; then
  PGPASSWORD=localloop psql -h 127.0.0.1 -U localloop -d postgres -qc "DROP DATABASE IF EXISTS localloop_search_bench WITH (FORCE)"
  run Postgres "$pg;Database=localloop_search_bench"
fi
