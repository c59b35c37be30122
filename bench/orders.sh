#!/usr/bin/env bash
# The order benchmarks (issue 5) on PostgreSQL: starts a Release build on a fresh database with the demo data, runs the
# load driver's `orders` scenario over HTTP (goods checkout + wallet payment at each concurrency for a fixed time — in
# one request, then as two — then a flash sale of a fixed number of attempts on a few units, checked in the database),
# stops the app, then runs pgbench's TPC-B-like transaction on the same server and divides the orders/s by pgbench's
# tps. The driver also reports the CPU the app and PostgreSQL spent per attempt (from /proc).
# Usage: bench/orders.sh [seconds per concurrency] [concurrency list] [flash-sale attempts] [flash-sale units] [pgbench seconds]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
seconds=${1:-30}
concurrency=${2:-8,32,64}
attempts=${3:-5000}
units=${4:-100}
pgbench_seconds=${5:-30}
port=5093
export PGPASSWORD=localloop PGOPTIONS="-c client_min_messages=warning"
psql_admin=(psql -h 127.0.0.1 -U localloop -d postgres -qc)
# No TLS on the loopback connection, as in bench/search.sh.
pg="Host=127.0.0.1;Port=5432;Username=localloop;Password=localloop;SSL Mode=Disable;Database=localloop_orders_bench"
driver="$root/bench/LocalLoop.LoadDriver/bin/Release/net10.0/LocalLoop.LoadDriver.dll"
log=$(mktemp)

dotnet build -c Release src/LocalLoop -v q -nologo >/dev/null
dotnet build -c Release bench/LocalLoop.LoadDriver -v q -nologo >/dev/null

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(uname -sr), dotnet $(dotnet --version), $(psql -h 127.0.0.1 -U localloop -d postgres -Atc 'SHOW server_version')"
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
"${psql_admin[@]}" "DROP DATABASE IF EXISTS localloop_orders_bench WITH (FORCE)"
(cd src/LocalLoop && exec dotnet bin/Release/net10.0/LocalLoop.dll --urls "http://127.0.0.1:$port" \
  --Database:Provider Postgres --ConnectionStrings:LocalLoop "$pg" --Logging:LogLevel:Default Warning >/dev/null 2>&1) &
app=$!
trap 'kill "$app" 2>/dev/null || true' EXIT
until curl -sf "http://127.0.0.1:$port/health" >/dev/null; do
  kill -0 "$app" 2>/dev/null || { echo "the app exited"; exit 1; }
  sleep 0.5
done

status=0
dotnet "$driver" --scenario orders --url "http://127.0.0.1:$port" --provider Postgres --db "$pg" --app-pid "$app" \
  --seconds "$seconds" --concurrency "$concurrency" --attempts "$attempts" --units "$units" | tee "$log" || status=$?
echo "load average after the load driver: $(cut -d' ' -f1-3 /proc/loadavg)"
kill "$app"; wait "$app" 2>/dev/null || true

# pgbench on the same server, with the app stopped, so it has the machine the app had.
"${psql_admin[@]}" "DROP DATABASE IF EXISTS localloop_pgbench WITH (FORCE)"
"${psql_admin[@]}" "CREATE DATABASE localloop_pgbench"
pgbench -h 127.0.0.1 -U localloop -i -q localloop_pgbench 2>/dev/null
echo "== pgbench -c 8 -j 2 -T $pgbench_seconds (TPC-B-like, scale 1)"
pgbench -h 127.0.0.1 -U localloop -c 8 -j 2 -T "$pgbench_seconds" localloop_pgbench 2>/dev/null | tee -a "$log" | grep -E "^(tps|latency|number of transactions actually)"
echo "load average after pgbench: $(cut -d' ' -f1-3 /proc/loadavg)"

tps=$(awk '/^tps = / {print $3; exit}' "$log")
echo "== orders/s ÷ pgbench tps ($tps); target for order + wallet pay ≥ 0.40"
grep '^orders/s (' "$log" | while IFS= read -r line; do
  flow=${line#orders/s (}; flow=${flow%%):*}
  echo "${line#*: }" | tr ' ' '\n' | grep = | awk -F= -v tps="$tps" -v flow="$flow" '{ printf "  %s, c=%s: %s orders/s = %.2f of pgbench\n", flow, $1, $2, $2 / tps }'
done
rm -f "$log"
exit "$status"
