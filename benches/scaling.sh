#!/usr/bin/env bash
# 1 thread vs 2 threads for `zhtag tag --jsonl` on a 10 MB corpus (the shared drcd paragraphs
# repeated 4×). Issue 5's target: 2 threads ≥ 1.7× one thread.
#
#   bash benches/scaling.sh [RUNS]        (default 3 runs of each, interleaved; medians reported)
#
# Uses `zhtag tag --threads N` when the binary has that option; otherwise falls back to the
# `perf_probe scaling` example (a rayon pool over Tagger::tag in one process), and says so.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
corpus_src=../shared/corpus/drcd-paragraphs.jsonl
if [[ ! -f $corpus_src ]]; then
    echo "scaling.sh: $corpus_src not found; nothing to measure" >&2
    exit 0
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for _ in 1 2 3 4; do cat "$corpus_src"; done >"$work/corpus.jsonl"
mb=$(python3 -c "import os,sys; print(os.path.getsize(sys.argv[1])/1e6)" "$work/corpus.jsonl")

cargo build --release --quiet --bin zhtag --example perf_probe
target=${CARGO_TARGET_DIR:-target}
bin=$target/release/zhtag
probe=$target/release/examples/perf_probe
echo "corpus: $mb MB, $(wc -l <"$work/corpus.jsonl") records; $(nproc) cores; load: $(cut -d' ' -f1-3 /proc/loadavg)"

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }

if "$bin" tag --help 2>/dev/null | grep -q -- '--threads'; then
    for n in 1 2; do : >"$work/t$n"; done
    for ((i = 0; i < runs; i++)); do
        for n in 1 2; do
            s=$(date +%s%N)
            "$bin" tag --jsonl --threads "$n" "$work/corpus.jsonl" >/dev/null
            e=$(date +%s%N)
            echo $(((e - s) / 1000000)) >>"$work/t$n" # ms
        done
    done
    t1=$(median <"$work/t1")
    t2=$(median <"$work/t2")
    python3 - "$mb" "$t1" "$t2" <<'PY'
import sys
mb, t1, t2 = (float(x) for x in sys.argv[1:])
for n, t in ((1, t1), (2, t2)):
    print(f"zhtag tag --jsonl --threads {n}: median {t / 1000:.2f} s ({mb / t * 1000:.2f} MB/s)")
print(f"speed-up 2 vs 1 thread: {t1 / t2:.2f}x (target >= 1.7x)")
PY
else
    echo "this zhtag has no --threads option: measuring Tagger::tag on a rayon pool (perf_probe) instead"
    for ((i = 0; i < runs; i++)); do
        "$probe" scaling "$work/corpus.jsonl" 1 2
    done
fi
