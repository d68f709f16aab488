#!/usr/bin/env python3
"""Tag a JSONL dataset with zhtag as a Spark stage.

Each partition streams its records through one `zhtag tag --jsonl` process (the binary is a
streaming JSONL filter: one output record per input record), so Spark does the distribution and
zhtag does the tagging. The binary is shipped to the executors with `SparkContext.addFile`.

    spark-submit examples/spark/tag_spark.py INPUT.jsonl OUTPUT_DIR \
        [--zhtag target/release/zhtag] [--master local[2]] [--partitions N] [-- ZHTAG_ARGS...]

or with PySpark from pip: `python3 examples/spark/tag_spark.py ...` (same arguments).
INPUT may be anything `SparkContext.textFile` reads (a file, a directory, a glob, hdfs://...).
OUTPUT_DIR receives Spark's part files, one JSON record per line:
{"id": ..., "entities": [...]}. Blank input lines are skipped, as `zhtag tag` skips them.
"""

import argparse
import os
import subprocess
import sys
import threading


def tag_partition(binary_name, extra_args):
    """A mapPartitions function: feeds the partition's lines to zhtag, yields its output lines."""

    def run(lines):
        from pyspark import SparkFiles

        binary = SparkFiles.get(binary_name)
        if not os.access(binary, os.X_OK):
            os.chmod(binary, 0o755)
        proc = subprocess.Popen(
            [binary, "tag", "--jsonl", *extra_args],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        sent = [0]

        def feed():
            # a writer thread, so that a full stdout pipe never blocks stdin (and vice versa)
            try:
                for line in lines:
                    proc.stdin.write(line.encode("utf-8") + b"\n")
                    sent[0] += 1
            finally:
                proc.stdin.close()

        errors = []
        err_reader = threading.Thread(target=lambda: errors.append(proc.stderr.read()), daemon=True)
        writer = threading.Thread(target=feed, daemon=True)
        err_reader.start()
        writer.start()
        got = 0
        for out in proc.stdout:
            got += 1
            yield out.decode("utf-8").rstrip("\n")
        writer.join()
        code = proc.wait()
        err_reader.join()
        if code != 0 and got != sent[0]:
            # records were lost: fail the task (Spark retries it) with zhtag's own message
            msg = b"".join(errors).decode("utf-8", "replace").strip()
            raise RuntimeError(f"zhtag exited with {code} after {got} of {sent[0]} records: {msg}")
        # a non-zero exit with every record written means some records carry an "error" field:
        # they are in the output, so the partition is complete

    return run


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("input", help="JSONL records {\"id\": ..., \"text\": ...}")
    ap.add_argument("output", help="output directory (must not exist)")
    here = os.path.dirname(os.path.abspath(__file__))
    target = os.environ.get("CARGO_TARGET_DIR", os.path.join(here, "..", "..", "target"))
    ap.add_argument("--zhtag", default=os.path.join(target, "release", "zhtag"), help="the zhtag binary")
    ap.add_argument("--master", default=None, help="Spark master (default: spark-submit's, else local[*])")
    ap.add_argument("--partitions", type=int, default=None, help="repartition the input to N partitions")
    ap.add_argument("zhtag_args", nargs="*", help="extra `zhtag tag` options, after --")
    a = ap.parse_args(argv)

    if not os.path.exists(a.zhtag):
        sys.exit(f"tag_spark: no zhtag binary at {a.zhtag} (cargo build --release, or pass --zhtag)")

    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName("zhtag-tag")
    if a.master:
        builder = builder.master(a.master)
    elif "SPARK_MASTER" not in os.environ and "spark.master" not in os.environ.get("PYSPARK_SUBMIT_ARGS", ""):
        builder = builder.master("local[*]")
    if (a.master or "local").startswith("local"):
        # local mode: keep every socket on the loopback interface, and no web UI
        builder = (
            builder.config("spark.driver.host", "127.0.0.1")
            .config("spark.driver.bindAddress", "127.0.0.1")
            .config("spark.ui.enabled", "false")
        )
    builder = builder.config("spark.ui.showConsoleProgress", "false")
    spark = builder.getOrCreate()
    sc = spark.sparkContext
    sc.setLogLevel("WARN")
    sc.addFile(os.path.abspath(a.zhtag))

    lines = sc.textFile(a.input).filter(lambda l: l.strip() != "")
    if a.partitions:
        lines = lines.repartition(a.partitions)
    tagged = lines.mapPartitions(tag_partition(os.path.basename(a.zhtag), a.zhtag_args))
    tagged.saveAsTextFile(a.output)
    spark.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
