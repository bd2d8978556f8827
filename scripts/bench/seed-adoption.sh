#!/usr/bin/env bash
# What adopting a seed would cost a new kiosk (docs/seed-bootstrap.md, "What it should
# measure"), on a kiosk store that a real bootstrap made: `kiosk-bench bootstrap --keep DIR`.
#
#   scripts/bench/seed-adoption.sh DIR/kiosk/kiosk.sqlite /tmp/seed-work
#
# At the centre (once per seed, not part of a kiosk's bootstrap): the store copied compact with
# VACUUM INTO, one kiosk's own rows stripped, its SHA-256 taken. At the new kiosk (what the 60 s
# target is about): the download over loopback HTTP, its SHA-256 checked, PRAGMA quick_check,
# the rename into place. No Swift: this measures the shape, not an implementation.
set -euo pipefail
store=$1
work=$2
mkdir -p "$work"
rm -f "$work"/seed.sqlite "$work"/kiosk.sqlite "$work"/kiosk.sqlite.seed-part
TIMEFORMAT='%R'
step() {
    local label=$1; shift
    local seconds
    seconds=$( { time "$@" >/dev/null; } 2>&1 )
    printf '%-58s %8s s\n' "$label" "$seconds"
}
size() { printf '%-58s %8s MB\n' "$1" "$(( $(stat -c %s "$2") / 1000000 ))"; }

sqlite3 "$store" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
size "kiosk store after its bootstrap" "$store"
echo "-- at the centre, once per seed"
step "VACUUM INTO the seed file" sqlite3 "$store" "VACUUM INTO '$work/seed.sqlite'"
# The audit trail is append-only (a trigger refuses deletes); a seed builder writes none of its
# own, so only the rows that name one kiosk go.
step "strip one kiosk's rows (device id, staff, queue, outbox)" sqlite3 "$work/seed.sqlite" \
    "DELETE FROM sync_state WHERE key IN ('device_id','device_name','hlc'); DELETE FROM staff; DELETE FROM queue_tickets; DELETE FROM outbox;"
step "SHA-256 of the seed" sha256sum "$work/seed.sqlite"
size "seed file" "$work/seed.sqlite"
expected=$(sha256sum "$work/seed.sqlite" | cut -d' ' -f1)

port=$(( 20000 + RANDOM % 20000 ))
python3 -m http.server --bind 127.0.0.1 "$port" --directory "$work" >/dev/null 2>&1 &
server=$!
trap 'kill $server 2>/dev/null' EXIT
for _ in $(seq 50); do curl -s -o /dev/null "http://127.0.0.1:$port/" && break; sleep 0.1; done

echo "-- at the new kiosk"
start=$(date +%s.%N)
step "download over loopback HTTP (curl)" curl -sS -o "$work/kiosk.sqlite.seed-part" "http://127.0.0.1:$port/seed.sqlite"
step "SHA-256 checked" sha256sum "$work/kiosk.sqlite.seed-part"
[ "$(sha256sum "$work/kiosk.sqlite.seed-part" | cut -d' ' -f1)" = "$expected" ] || { echo "SHA-256 differs"; exit 1; }
step "PRAGMA quick_check" sqlite3 "$work/kiosk.sqlite.seed-part" "PRAGMA quick_check"
step "rename into place" mv "$work/kiosk.sqlite.seed-part" "$work/kiosk.sqlite"
end=$(date +%s.%N)
printf '%-58s %8.1f s  (target: 60 s)\n' "the new kiosk's steps, end to end" "$(python3 -c "print($end - $start)")"
printf '%-58s %8s\n' "donors / donations / events in the adopted file" \
    "$(sqlite3 "$work/kiosk.sqlite" "SELECT (SELECT count(*) FROM donors) || ' / ' || (SELECT count(*) FROM donations) || ' / ' || (SELECT count(*) FROM events)")"
