#!/usr/bin/env bash
# The whole test suite: formatting, clippy with warnings denied, every test on SQLite and
# on PostgreSQL (started or installed when needed), then a smoke run of the benchmark.
# poppler-utils (pdftotext, pdfinfo) and chromium are installed when missing: the doctor
# report's tests read its PDF with them, the admin page's browser test drives chromium.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/ensure-postgres.sh
bash scripts/ensure-tools.sh
export HEADLOG_TEST_PG_URL="${HEADLOG_TEST_PG_URL:-postgres://postgres@127.0.0.1:5432/test}"
# PostgreSQL is there now: a PostgreSQL test that cannot connect must fail, not skip.
export CI=true

cargo fmt --all --check
cargo clippy --workspace --all-targets -- -D warnings
cargo test --workspace
cargo build --release -p headlog -p headlog-bench
./target/release/headlog-bench --quick
