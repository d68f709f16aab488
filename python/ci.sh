#!/usr/bin/env bash
# CI for the Python package, called by .ci/run after the cargo phase:
#   bash python/ci.sh
# Builds the wheel the way a user does (`pip install ./python`: PEP 517, maturin, release
# profile) into a fresh venv with the [spacy,test] extras, then runs pytest python/tests against
# the CLI built by cargo. The cargo target dir of the earlier phase is reused (CARGO_TARGET_DIR,
# else ./target), so only the bindings crate and PyO3 compile here.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$PWD/target}
venv=$CARGO_TARGET_DIR/python-venv

echo "== the bindings crate: cargo fmt --check, cargo clippy -- -D warnings"
cargo fmt -p zhtag-python --check
cargo clippy --release -p zhtag-python --all-targets -- -D warnings

echo "== the CLI the Python output is compared with"
cargo build --release --workspace --bin zhtag
export ZHTAG_BIN=$CARGO_TARGET_DIR/release/zhtag

echo "== pip install ./python[spacy,test] into $venv"
rm -rf "$venv"
python3 -m venv "$venv"
"$venv/bin/python" -m pip install -q --disable-pip-version-check "./python[spacy,test]"

echo "== pytest python/tests"
# run from outside the source tree so that `import zhtag` is the installed wheel, not python/zhtag
(cd "$CARGO_TARGET_DIR" && "$venv/bin/python" -m pytest -q -p no:cacheprovider "$OLDPWD/python/tests")
