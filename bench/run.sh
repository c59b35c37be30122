#!/usr/bin/env bash
# Runs the load driver against a Release build of LocalLoop on SQLite and, when PostgreSQL is reachable, on
# PostgreSQL, each on a fresh database with the demo data. Usage: bench/run.sh [seconds] [concurrency list]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
seconds=${1:-15}
concurrency=${2:-8,32}
port=5090
pg="Host=127.0.0.1;Port=5432;Username=localloop;Password=localloop"

dotnet build -c Release src/LocalLoop -v q -nologo >/dev/null
dotnet build -c Release bench/LocalLoop.LoadDriver -v q -nologo >/dev/null

run() { # provider, connection string
  local log; log=$(mktemp)
  # The app's folder is its content root (appsettings.json, wwwroot).
  (cd src/LocalLoop && exec dotnet bin/Release/net10.0/LocalLoop.dll --urls "http://127.0.0.1:$port" \
    --Database:Provider "$1" --ConnectionStrings:LocalLoop "$2" --Logging:LogLevel:Default Warning >"$log" 2>&1) &
  local app=$!
  for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && break; sleep 0.5; done
  (cd src/LocalLoop && dotnet "$root/bench/LocalLoop.LoadDriver/bin/Release/net10.0/LocalLoop.LoadDriver.dll" \
    --url "http://127.0.0.1:$port" --provider "$1" --db "$2" --seconds "$seconds" --concurrency "$concurrency") || true
  kill "$app"; wait "$app" 2>/dev/null || true
  rm -f "$log"
}

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(uname -sr), dotnet $(dotnet --version)"
db=$(mktemp -d)/bench.db
run Sqlite "Data Source=$db"
if PGPASSWORD=localloop psql -h 127.0.0.1 -U localloop -d postgres -qc "DROP DATABASE IF EXISTS localloop_bench WITH (FORCE)" 2>/dev/null; then
  run Postgres "$pg;Database=localloop_bench"
else
  echo "PostgreSQL not reachable as localloop: skipped"
fi
