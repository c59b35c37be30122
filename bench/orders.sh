#!/usr/bin/env bash
# The order benchmarks (issue 5) on PostgreSQL: starts a Release build on a fresh database with the demo data, runs the
# load driver's `orders` scenario over HTTP (goods checkout + wallet payment at each concurrency for a fixed time — in
# one request, then as two — then a flash sale of a fixed number of attempts on a few units, checked in the database),
# stops the app; pgbench's TPC-B-like transaction runs on the same server before the app starts and after it stops, and
# the orders/s are divided by the better of the two tps. The driver also reports the CPU the app and PostgreSQL spent per
# attempt (from /proc), and each phase the CPU share the hypervisor took (steal).
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

# The share of CPU time the hypervisor took from this machine since a snapshot ("steal"): on a shared host it varies
# from run to run, so every phase reports it.
cpu_snapshot() { awk '/^cpu / { total = 0; for (i = 2; i <= NF; i++) total += $i; print total, $9 }' /proc/stat; }
steal_since() { read -r total0 steal0 <<<"$1"; read -r total1 steal1 <<<"$(cpu_snapshot)"; awk -v t="$((total1 - total0))" -v s="$((steal1 - steal0))" 'BEGIN { printf "%.0f%%", (t > 0 ? 100 * s / t : 0) }'; }

# pgbench's TPC-B-like transaction on the same server, on its own fresh database, with the app stopped.
pgbench_tps() {
  "${psql_admin[@]}" "DROP DATABASE IF EXISTS localloop_pgbench WITH (FORCE)"
  "${psql_admin[@]}" "CREATE DATABASE localloop_pgbench"
  pgbench -h 127.0.0.1 -U localloop -i -q localloop_pgbench 2>/dev/null
  local before; before=$(cpu_snapshot)
  local out; out=$(pgbench -h 127.0.0.1 -U localloop -c 8 -j 2 -T "$pgbench_seconds" localloop_pgbench 2>/dev/null)
  echo "$out" | grep -E "^(tps|latency|number of transactions actually)" >&2
  echo "steal during pgbench: $(steal_since "$before")" >&2
  echo "$out" | awk '/^tps = / {print $3; exit}'
}

dotnet build -c Release src/LocalLoop -v q -nologo >/dev/null
dotnet build -c Release bench/LocalLoop.LoadDriver -v q -nologo >/dev/null

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(uname -sr), dotnet $(dotnet --version), $(psql -h 127.0.0.1 -U localloop -d postgres -Atc 'SHOW server_version')"
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== pgbench -c 8 -j 2 -T $pgbench_seconds (TPC-B-like, scale 1), before the app starts"
tps_before=$(pgbench_tps)
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
driver_start=$(cpu_snapshot)
dotnet "$driver" --scenario orders --url "http://127.0.0.1:$port" --provider Postgres --db "$pg" --app-pid "$app" \
  --seconds "$seconds" --concurrency "$concurrency" --attempts "$attempts" --units "$units" | tee "$log" || status=$?
echo "load average after the load driver: $(cut -d' ' -f1-3 /proc/loadavg); steal during the load driver: $(steal_since "$driver_start")"
kill "$app"; wait "$app" 2>/dev/null || true

echo "== pgbench again, after the app stopped"
tps_after=$(pgbench_tps)
echo "load average after pgbench: $(cut -d' ' -f1-3 /proc/loadavg)"

# The better of the two pgbench runs: the ratio is not flattered by a pgbench that happened to run on a busier host.
tps=$(awk -v a="$tps_before" -v b="$tps_after" 'BEGIN { print (a > b ? a : b) }')
echo "== orders/s ÷ pgbench tps ($tps); target for order + wallet pay ≥ 0.40"
grep '^orders/s (' "$log" | while IFS= read -r line; do
  flow=${line#orders/s (}; flow=${flow%%):*}
  echo "${line#*: }" | tr ' ' '\n' | grep = | awk -F= -v tps="$tps" -v flow="$flow" '{ printf "  %s, c=%s: %s orders/s = %.2f of pgbench\n", flow, $1, $2, $2 / tps }'
done
rm -f "$log"
exit "$status"
