#!/usr/bin/env bash
# Runs examples/spark/tag_spark.py for real in Spark's local mode (local[2]) on the shared corpus
# and checks that it loses nothing and agrees with a plain `zhtag tag --jsonl` run.
#
#   bash tests/spark_local.sh
#
# Needs Java 17+ and PySpark: uses $PYTHON (default python3) if it imports pyspark, else makes a
# virtualenv under the cargo target directory and installs pyspark there with pip.
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=../shared/corpus/drcd-paragraphs.jsonl
if [[ ! -f $corpus ]]; then
    echo "spark_local: $corpus not found; skipped"
    exit 0
fi
target=${CARGO_TARGET_DIR:-target}
py=${PYTHON:-python3}
if ! "$py" -c 'import pyspark' 2>/dev/null; then
    venv=$target/spark-venv
    if [[ ! -x $venv/bin/python ]] || ! "$venv/bin/python" -c 'import pyspark' 2>/dev/null; then
        python3 -m venv "$venv"
        "$venv/bin/pip" install --quiet pyspark
    fi
    py=$venv/bin/python
fi
java -version 2>&1 | head -1
# local mode only: bind to loopback, whatever the host name resolves to
export SPARK_LOCAL_IP=127.0.0.1

cargo build --release --quiet --bin zhtag
bin=$target/release/zhtag
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

start=$(date +%s)
"$py" examples/spark/tag_spark.py "$corpus" "$work/spark-out" --zhtag "$bin" --master 'local[2]' --partitions 4
echo "spark_local: Spark job took $(($(date +%s) - start)) s"
"$bin" tag --jsonl "$corpus" >"$work/plain.jsonl"

"$py" - "$corpus" "$work/spark-out" "$work/plain.jsonl" <<'PY'
import glob, json, os, sys
corpus, out_dir, plain_path = sys.argv[1:]
assert os.path.exists(os.path.join(out_dir, "_SUCCESS")), "Spark did not mark the output complete"
inputs = [l for l in open(corpus, encoding="utf-8") if l.strip()]
spark = [l.rstrip("\n") for p in sorted(glob.glob(os.path.join(out_dir, "part-*")))
         for l in open(p, encoding="utf-8")]
plain = [l.rstrip("\n") for l in open(plain_path, encoding="utf-8")]
failed = 0
def check(name, ok, detail=""):
    global failed
    print(("ok   " if ok else "FAIL ") + name + (f": {detail}" if detail and not ok else ""))
    failed += not ok
check("record count equals the input", len(spark) == len(inputs), f"{len(spark)} != {len(inputs)}")
key = lambda l: json.dumps(json.loads(l)["id"], ensure_ascii=False)
by_id = lambda ls: sorted(ls, key=lambda l: (key(l), l))
check("ids are unique", len({key(l) for l in spark}) == len(spark))
s, p = by_id(spark), by_id(plain)
diff = next((i for i, (x, y) in enumerate(zip(s, p)) if x != y), None)
check("output equals a plain zhtag tag --jsonl run", s == p,
      f"first difference at sorted record {diff}: {s[diff][:200] if diff is not None else ''}")
print(f"{3 - failed} passed, {failed} failed")
sys.exit(1 if failed else 0)
PY
