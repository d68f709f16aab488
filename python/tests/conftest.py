"""Shared fixtures: where the repo, the shared evaluation files and the zhtag CLI are.

The evaluation files are read from ``../shared/eval`` next to the checkout (as the Rust tests
do; override with ZHTAG_SHARED_DIR) and never copied into the repo. The CLI is ZHTAG_BIN, else
``$CARGO_TARGET_DIR/release/zhtag``, else ``target/release/zhtag`` in the repo: build it with
``cargo build --release`` first. Without it the CLI comparisons are skipped, except under CI
(CI set), where they fail.
"""

import json
import os
import shutil
from pathlib import Path

import pytest

import zhtag

REPO = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get("ZHTAG_SHARED_DIR", REPO.parent / "shared"))
EVAL = SHARED / "eval"


def gold_files():
    """Every ``*.gold.jsonl`` under the shared eval folder, sorted (the sub-folders too)."""
    if not EVAL.is_dir():
        raise RuntimeError(f"{EVAL} is missing: the tests read the shared evaluation files from ../shared/eval")
    files = sorted(EVAL.rglob("*.gold.jsonl"))
    if not files:
        raise RuntimeError(f"no *.gold.jsonl under {EVAL}")
    return files


def read_jsonl(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def find_cli():
    """The zhtag binary to compare with, or None."""
    candidates = []
    if os.environ.get("ZHTAG_BIN"):
        candidates.append(Path(os.environ["ZHTAG_BIN"]))
    if os.environ.get("CARGO_TARGET_DIR"):
        candidates.append(Path(os.environ["CARGO_TARGET_DIR"]) / "release" / "zhtag")
    candidates.append(REPO / "target" / "release" / "zhtag")
    for c in candidates:
        if c.is_file() and os.access(c, os.X_OK):
            return c
    return shutil.which("zhtag") and Path(shutil.which("zhtag"))


@pytest.fixture(scope="session")
def cli():
    path = find_cli()
    if path is None:
        message = "no zhtag binary: set ZHTAG_BIN or run `cargo build --release` (looked in $CARGO_TARGET_DIR and target/)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return path


@pytest.fixture(scope="session")
def tagger():
    return zhtag.Tagger()


@pytest.fixture(scope="session")
def seed():
    return read_jsonl(EVAL / "seed.gold.jsonl")[0]
