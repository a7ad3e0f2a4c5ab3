#!/usr/bin/env bash
# Live AWS collection benchmark: seeds a local moto server with a scalable estate over two
# regions (boto3, crates/cli/tests/aws/seed.py) and times `posture scan aws` against it.
# Prints resources, wall time, API calls, calls per resource and peak RSS per scale.
#
#   scripts/bench-aws.sh [SCALE ...]      default: 1 10 40
#
# Uses the moto venv scripts/test.sh installs (POSTURE_MOTO_VENV) and a release build.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/posture/target}"
MOTO_VERSION=5.1.22
VENV="${POSTURE_MOTO_VENV:-$HOME/.cache/posture/moto-$MOTO_VERSION}"
if [ ! -x "$VENV/bin/moto_server" ]; then
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install --quiet --disable-pip-version-check "moto[server]==$MOTO_VERSION" boto3
fi
cargo build --release --quiet -p posture-cli
BIN="$CARGO_TARGET_DIR/release/posture"
scales=("$@")
[ "${#scales[@]}" -gt 0 ] || scales=(1 10 40)
work=$(mktemp -d)
trap 'kill "${moto_pid:-0}" 2>/dev/null || true; rm -rf "$work"' EXIT
printf '%-6s %10s %9s %10s %9s %10s %9s\n' scale resources wall_s api_calls calls/res peak_MiB seed_s
for scale in "${scales[@]}"; do
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
    "$VENV/bin/moto_server" -H 127.0.0.1 -p "$port" >/dev/null 2>&1 &
    moto_pid=$!
    for _ in $(seq 100); do (exec 3<>/dev/tcp/127.0.0.1/"$port") 2>/dev/null && break; sleep 0.1; done
    t0=$(date +%s.%N)
    "$VENV/bin/python" crates/cli/tests/aws/seed.py "http://127.0.0.1:$port" --scale "$scale" >/dev/null
    t1=$(date +%s.%N)
    env -i PATH="$PATH" HOME="$work" AWS_ENDPOINT_URL="http://127.0.0.1:$port" \
        AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing AWS_REGION=us-east-1 \
        AWS_EC2_METADATA_DISABLED=true AWS_CONFIG_FILE="$work/none" AWS_SHARED_CREDENTIALS_FILE="$work/none" \
        "$BIN" -q scan aws --regions us-east-1,eu-west-1 --no-store --format json \
        --stats "$work/stats.json" >/dev/null || true
    python3 - "$work/stats.json" "$scale" "$(echo "$t1 - $t0" | bc)" <<'PY'
import json, sys
d = json.load(open(sys.argv[1])); a = d["aws"]
res = a["resources"]
print(f"{sys.argv[2]:<6} {res:>10} {d['total_s']:>9.2f} {a['api_calls']:>10} {a['api_calls']/max(res,1):>9.2f} {d['peak_rss_kib']/1024:>10.1f} {float(sys.argv[3]):>9.1f}")
PY
    kill "$moto_pid"; wait "$moto_pid" 2>/dev/null || true
done
