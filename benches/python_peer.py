#!/usr/bin/env python3
"""The peer a user would script today: OpenCC t2s, then jieba.posseg (HMM on), against zhtag.

Both run over the same texts (the first BYTES of ../shared/corpus/drcd-paragraphs.jsonl, one
record at a time) in this one run, and the script prints MB/s of the original Traditional text
for each, steady state (start-up excluded) and whole process, plus the ratio. Issue 5's target:
zhtag at least 50x faster.

    pip install jieba opencc        # or opencc-python-reimplemented (same `opencc` module)
    cargo build --release
    python3 benches/python_peer.py [--bytes 1000000] [--zhtag target/release/zhtag]

Python jieba runs at about 0.1 MB/s here, so the default 1 MB takes ~10 s on the Python side.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.join(HERE, "..", "..", "shared", "corpus", "drcd-paragraphs.jsonl")


def load(nbytes):
    texts, total = [], 0
    with open(CORPUS, encoding="utf-8") as f:
        for line in f:
            if total >= nbytes:
                break
            text = json.loads(line)["text"]
            texts.append(text)
            total += len(text.encode("utf-8"))
    return texts, total


def python_peer(texts):
    t0 = time.perf_counter()
    import jieba
    import jieba.posseg as pseg
    import opencc

    jieba.setLogLevel(60)
    jieba.initialize()
    try:
        cc = opencc.OpenCC("t2s")
    except Exception:  # the official binding also accepts the file name
        cc = opencc.OpenCC("t2s.json")
    startup = time.perf_counter() - t0
    t1 = time.perf_counter()
    found = 0
    for text in texts:
        simplified = cc.convert(text)
        # what a user would keep: nt -> ORG, m (+q) -> QUANTITY
        found += sum(1 for p in pseg.lcut(simplified, HMM=True) if p.flag in ("nt", "m"))
    return startup, time.perf_counter() - t1, found


def zhtag_run(binary, path):
    t0 = time.perf_counter()
    out = subprocess.run([binary, "tag", "--jsonl", path], check=True, capture_output=True)
    return time.perf_counter() - t0, out.stdout.count(b"\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bytes", type=int, default=1_000_000, help="bytes of Traditional text (default 1 MB)")
    target = os.environ.get("CARGO_TARGET_DIR", os.path.join(HERE, "..", "target"))
    ap.add_argument("--zhtag", default=os.path.join(target, "release", "zhtag"), help="zhtag binary")
    ap.add_argument("--runs", type=int, default=3, help="zhtag runs (median)")
    a = ap.parse_args()

    if not os.path.exists(CORPUS):
        print(f"python_peer: {CORPUS} not found; nothing to measure")
        return 0
    if not os.path.exists(a.zhtag):
        print(f"python_peer: no zhtag binary at {a.zhtag}: run `cargo build --release` first", file=sys.stderr)
        return 2
    texts, nbytes = load(a.bytes)
    mb = nbytes / 1e6
    print(f"corpus: {len(texts)} paragraphs, {nbytes} bytes of Traditional text")

    with tempfile.TemporaryDirectory() as d:
        data, empty = os.path.join(d, "in.jsonl"), os.path.join(d, "one.jsonl")
        with open(data, "w", encoding="utf-8") as f:
            for i, t in enumerate(texts):
                f.write(json.dumps({"id": i, "text": t}, ensure_ascii=False) + "\n")
        with open(empty, "w", encoding="utf-8") as f:
            f.write(json.dumps({"id": 0, "text": "短文"}, ensure_ascii=False) + "\n")
        runs = sorted(zhtag_run(a.zhtag, data)[0] for _ in range(a.runs))
        starts = sorted(zhtag_run(a.zhtag, empty)[0] for _ in range(a.runs))
        z_whole, z_start = runs[len(runs) // 2], starts[len(starts) // 2]
        lines = zhtag_run(a.zhtag, data)[1]
        assert lines == len(texts), f"zhtag wrote {lines} records for {len(texts)} inputs"

    p_start, p_steady, found = python_peer(texts)
    z_steady = max(z_whole - z_start, 1e-9)
    print(f"python jieba.posseg after OpenCC t2s: start-up {p_start:.2f} s, "
          f"{p_steady:.1f} s, {mb / p_steady:.3f} MB/s steady, {mb / (p_start + p_steady):.3f} MB/s whole "
          f"({found} nt/m tokens)")
    print(f"zhtag tag --jsonl (1 thread):         start-up {z_start:.2f} s, "
          f"{z_whole:.2f} s whole, {mb / z_steady:.2f} MB/s steady, {mb / z_whole:.2f} MB/s whole")
    print(f"zhtag / python: {p_steady / z_steady:.0f}x steady state, "
          f"{(p_start + p_steady) / z_whole:.0f}x whole process (target >= 50x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
