# Sourced by the load benchmarks (bench-wrk, bench-ab): one `rebound serve`
# on a fresh embedded-SQLite data dir (or, given DATABASE_URL, on that
# PostgreSQL database, which should be empty), an admin, an API token and
# SEED mistakes, so every benchmark measures the same setup.
#   bench_server BIN SEED [DATABASE_URL]
#   sets base, token, id (the last mistake), data, pid
bench_server() {
  local bin=$1 seed=$2 port i store=()
  data=$(mktemp -d)
  port=$(( 20000 + RANDOM % 20000 ))
  if [ -n "${3:-}" ]; then store=(--database-url "$3"); fi
  REBOUND_DATA_DIR="$data" "$bin" serve --addr "127.0.0.1:$port" --insecure-cookies "${store[@]}" >"$data/server.log" 2>&1 &
  pid=$!
  base="http://127.0.0.1:$port"
  for _ in $(seq 1 50); do curl -sf "$base/healthz" >/dev/null && break; sleep 0.1; done
  curl -sf -c "$data/cookies" -H 'content-type: application/json' "$base/api/v1/setup" \
    -d '{"email":"bench@example.com","display_name":"Bench","password":"benchmark password"}' >/dev/null
  token=$(curl -sf -b "$data/cookies" -H 'content-type: application/json' "$base/api/v1/me/tokens" -d '{"name":"wrk"}' \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
  for i in $(seq 1 "$seed"); do
    curl -sf -H "authorization: Bearer $token" -H 'content-type: application/json' "$base/api/v1/mistakes" \
      -d "{\"title\":\"Seeded mistake $i\",\"affected\":\"the finance leads\"}" -o "$data/last.json"
  done
  id=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["id"])' "$data/last.json")
}
