#!/usr/bin/env python3
"""`zhtag.Tagger.tag_many` in Python against the `zhtag` CLI on the same ~10 MB, 1 and 2 threads.

The corpus is ../shared/corpus/drcd-paragraphs.jsonl repeated (4x by default: 8,000 paragraphs,
10.2 MB of Traditional text, as benches/scaling.sh uses). Each run, side by side and interleaved:

- the CLI: `zhtag tag --jsonl --threads N FILE > /dev/null`, whole process, and its steady state:
  the time its summary line reports, which starts once the tagger is built (reading the JSONL,
  tagging, writing the JSON records);
- Python: `tagger.tag_many(texts, threads=N)` on the texts in memory (the tagger built once
  beforehand), including the making of every Entity object.

It prints medians of the runs: MB/s of original text, and Python / CLI (goal >= 0.8 at one
thread). With jieba and opencc installed it also runs the peer of benches/python_peer.py
(OpenCC t2s, then jieba.posseg) on a sample and compares its steady state with tag_many's.

    pip install ./python jieba opencc          # the bindings (and the peer, optional)
    cargo build --release --bin zhtag
    python3 benches/python_tag_many.py [--repeat 4] [--runs 3] [--peer-bytes 300000]
"""

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.join(HERE, "..", "..", "shared", "corpus", "drcd-paragraphs.jsonl")


def load(repeat):
    with open(CORPUS, encoding="utf-8") as f:
        texts = [json.loads(line)["text"] for line in f if line.strip()]
    return texts * repeat


SUMMARY = re.compile(r", ([0-9.]+) s, [0-9.]+ MB/s$")


def cli_time(binary, path, threads):
    """(whole process, tagging alone) in seconds: the second is the time in the CLI's own summary
    line, which starts once the tagger is built (reading, tagging and writing JSON)."""
    t0 = time.perf_counter()
    with open(os.devnull, "wb") as null:
        run = subprocess.run([binary, "tag", "--jsonl", "--threads", str(threads), path],
                             check=True, stdout=null, stderr=subprocess.PIPE)
    whole = time.perf_counter() - t0
    m = SUMMARY.search(run.stderr.decode("utf-8", "replace").strip().splitlines()[-1])
    if not m:
        raise SystemExit(f"python_tag_many: no summary line from zhtag: {run.stderr[-300:]!r}")
    return whole, float(m.group(1))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    target = os.environ.get("CARGO_TARGET_DIR", os.path.join(HERE, "..", "target"))
    ap.add_argument("--zhtag", default=os.environ.get("ZHTAG_BIN", os.path.join(target, "release", "zhtag")))
    ap.add_argument("--repeat", type=int, default=4, help="copies of the 2.6 MB corpus (default 4: ~10 MB)")
    ap.add_argument("--runs", type=int, default=3, help="interleaved runs of each (medians reported)")
    ap.add_argument("--threads", default="1,2", help="thread counts to measure (default 1,2)")
    ap.add_argument("--peer-bytes", type=int, default=300_000, help="sample for the jieba+OpenCC peer (0: skip)")
    a = ap.parse_args()

    if not os.path.exists(CORPUS):
        print(f"python_tag_many: {CORPUS} not found; nothing to measure")
        return 0
    if not os.path.exists(a.zhtag):
        print(f"python_tag_many: no zhtag binary at {a.zhtag}: run `cargo build --release` first", file=sys.stderr)
        return 2
    import zhtag

    threads = [int(n) for n in a.threads.split(",")]
    texts = load(a.repeat)
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    print(f"corpus: {len(texts)} paragraphs, {mb:.2f} MB of text; {os.cpu_count()} cores; "
          f"load {os.getloadavg()[0]:.1f}; zhtag {zhtag.__version__}, Python {sys.version.split()[0]}")

    t0 = time.perf_counter()
    tagger = zhtag.Tagger()
    py_start = time.perf_counter() - t0

    with tempfile.TemporaryDirectory() as d:
        data, one = os.path.join(d, "in.jsonl"), os.path.join(d, "one.jsonl")
        with open(data, "w", encoding="utf-8") as f:
            for i, t in enumerate(texts):
                f.write(json.dumps({"id": i, "text": t}, ensure_ascii=False) + "\n")
        with open(one, "w", encoding="utf-8") as f:
            f.write(json.dumps({"id": 0, "text": "短文"}, ensure_ascii=False) + "\n")

        tagger.tag_many(texts[:200])  # warm the pools and caches on both sides
        cli_time(a.zhtag, one, 1)
        (cli, steady, py), starts = ({n: [] for n in threads} for _ in range(3)), []
        entities = 0
        for _ in range(a.runs):
            starts.append(cli_time(a.zhtag, one, 1)[0])
            for n in threads:
                whole, tagging = cli_time(a.zhtag, data, n)
                cli[n].append(whole)
                steady[n].append(tagging)
                t0 = time.perf_counter()
                found = tagger.tag_many(texts, threads=n)
                py[n].append(time.perf_counter() - t0)
                entities = sum(map(len, found))
                del found

    start = statistics.median(starts)
    print(f"entities: {entities}; start-up: CLI {start:.2f} s (whole run on one record), Python Tagger() {py_start:.2f} s")
    print(f"{'threads':>7} | {'CLI whole':>15} | {'CLI steady':>10} | {'Python tag_many':>15} | Python/CLI steady | Python/CLI whole")
    rows = {}
    for n in threads:
        cw, cs, pt = (statistics.median(x[n]) for x in (cli, steady, py))
        rows[n] = (cw, cs, pt)
        print(f"{n:>7} | {cw:5.2f} s {mb / cw:5.2f} MB/s | {mb / cs:5.2f} MB/s | {pt:5.2f} s {mb / pt:5.2f} MB/s "
              f"| {cs / pt:17.2f} | {cw / pt:16.2f}")
    if 1 in rows and 2 in rows:
        print(f"2 vs 1 thread: CLI steady {rows[1][1] / rows[2][1]:.2f}x, Python {rows[1][2] / rows[2][2]:.2f}x")
    if 1 in rows:
        verdict = "met" if rows[1][1] / rows[1][2] >= 0.8 else "MISSED"
        print(f"goal Python >= 0.8 of the CLI's steady state at one thread: {rows[1][1] / rows[1][2]:.2f}, {verdict}")

    if a.peer_bytes > 0 and 1 in rows:
        try:
            sys.path.insert(0, HERE)
            from python_peer import load as peer_load, python_peer
        except ImportError as e:  # pragma: no cover
            print(f"peer: cannot import benches/python_peer.py ({e})")
            return 0
        try:
            import jieba  # noqa: F401
            import opencc  # noqa: F401
        except ImportError:
            print("peer: jieba or opencc not installed (pip install jieba opencc); skipped")
            return 0
        sample, nbytes = peer_load(a.peer_bytes)
        p_start, p_steady, _ = python_peer(sample)
        t0 = time.perf_counter()
        tagger.tag_many(sample, threads=1)
        z_steady = time.perf_counter() - t0
        smb, peer_rate = nbytes / 1e6, nbytes / 1e6 / p_steady
        print(f"peer on the first {smb:.2f} MB: jieba.posseg after OpenCC t2s {peer_rate:.3f} MB/s steady "
              f"(start-up {p_start:.2f} s); tag_many(threads=1) on the same {smb / z_steady:.2f} MB/s "
              f"({p_steady / z_steady:.0f}x), on the 10 MB {mb / rows[1][2]:.2f} MB/s "
              f"({mb / rows[1][2] / peer_rate:.0f}x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
