#!/usr/bin/env bash
# Runs every check and test of the workspace, installing what the tests need first.
# This is the README's test command and what CI (.ci/run) calls. Safe to run repeatedly.
set -euo pipefail
cd "$(dirname "$0")/.."

# One target directory shared by every run on this machine (CI runs in a fresh clone each time;
# reusing compiled dependencies keeps warm runs fast). Override with CARGO_TARGET_DIR.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/posture/target}"
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"
export CARGO_INCREMENTAL=0

step() { printf '\n==> %s\n' "$*"; }

step "toolchain: $(cargo --version)"
command -v rustfmt >/dev/null || rustup component add rustfmt
cargo clippy --version >/dev/null 2>&1 || rustup component add clippy

# The AWS emulator for the live-collection tests: moto's server from PyPI in a local venv
# (pinned: 5.2.x answers GetBucketVersioning with the wrong XML root, which the Rust SDK rejects).
MOTO_VERSION=5.1.22
export POSTURE_MOTO_VENV="${POSTURE_MOTO_VENV:-$HOME/.cache/posture/moto-$MOTO_VERSION}"
if [ ! -x "$POSTURE_MOTO_VENV/bin/moto_server" ]; then
    step "installing moto[server]==$MOTO_VERSION into $POSTURE_MOTO_VENV"
    python3 -m venv "$POSTURE_MOTO_VENV"
    "$POSTURE_MOTO_VENV/bin/pip" install --quiet --disable-pip-version-check "moto[server]==$MOTO_VERSION" boto3
fi

step "test dependencies"
# The dashboard end-to-end test drives headless Chromium with Node (Debian packages).
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v node >/dev/null 2>&1 || need+=(nodejs)
if [ "${#need[@]}" -gt 0 ]; then
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    echo "installing ${need[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y -qq "${need[@]}" >/dev/null 2>&1 \
      || { apt-get update -qq >/dev/null && apt-get install -y -qq "${need[@]}" >/dev/null; }
  else
    echo "missing ${need[*]}: the dashboard end-to-end test will be skipped"
  fi
fi
if command -v chromium >/dev/null 2>&1 && command -v node >/dev/null 2>&1; then
  export POSTURE_REQUIRE_BROWSER=1
fi

step "formatting"
cargo fmt --all -- --check

step "lints"
cargo clippy --workspace --all-targets --locked -- -D warnings

step "tests"
cargo test --workspace --locked --no-fail-fast 2>&1 | tee "${CARGO_TARGET_DIR}/test-output.log"
status=${PIPESTATUS[0]}
passed=$(grep -Eo 'test result: [a-zA-Z]+\. [0-9]+ passed' "${CARGO_TARGET_DIR}/test-output.log" | awk '{s+=$4} END {print s+0}')
failed=$(grep -Eo '[0-9]+ failed;' "${CARGO_TARGET_DIR}/test-output.log" | awk '{s+=$1} END {print s+0}')
step "summary"
echo "${passed} passed, ${failed} failed"
exit "$status"
