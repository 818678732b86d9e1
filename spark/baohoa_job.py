"""baohoa on Apache Spark: the nightly job over a manifest of crawl dumps.

Stage 1 runs `baohoa map SHARD --partitions N` for every dump (one Spark task per dump, in
mapPartitionsWithIndex); its output folder is named by the dump's sha256 and written atomically by
baohoa, so a retried or resumed task finds a finished map and skips it. Stage 2 runs
`baohoa reduce --partition I` for every partition on the executors. Stage 3, on the driver, runs
the finishing `baohoa reduce`, which writes the same files as `baohoa scan` of all the dumps.

The binary comes with `spark-submit --files path/to/baohoa` (found with SparkFiles) or is installed
on every worker (`--binary /usr/local/bin/baohoa`). WORK must be a folder every executor and the
driver can read and write (local disk in local mode; a shared mount on a cluster). Dumps are local
or shared-mount paths; other URIs (hdfs://, s3a://) are fetched through Spark into the task's
temporary folder first.

Usage:
  spark-submit --master local[2] --files target/release/baohoa spark/baohoa_job.py \\
      --manifest dumps.txt --work /shared/baohoa-work/2026-11-22 --out /shared/out/2026-11-22 \\
      --partitions 8 [--registry DIR] [--models DIR] [--threads 1] [--memory 1GiB]
"""
import argparse
import hashlib
import os
import subprocess
import sys
import tempfile

# Exit codes of baohoa: 0 complete, 2 some records or inputs damaged (outputs written), 1 failed.
OK_CODES = (0, 2)


def parse_args(argv):
    p = argparse.ArgumentParser(description="baohoa map/reduce on Spark")
    p.add_argument("--manifest", required=True, help="text file: one dump path per line (# comments)")
    p.add_argument("--work", required=True, help="shared folder for map and reduce outputs (resumable)")
    p.add_argument("--out", required=True, help="output folder (the files of `baohoa scan`)")
    p.add_argument("--partitions", type=int, default=8, help="site-key partitions (reduce tasks)")
    p.add_argument("--binary", default=None, help="baohoa on the workers (default: the file shipped with --files)")
    p.add_argument("--registry", default=None, help="registry folder (same on every worker)")
    p.add_argument("--models", default=None, help="models folder (same on every worker)")
    p.add_argument("--threads", type=int, default=1, help="baohoa threads per task (one per executor core)")
    p.add_argument("--memory", default=None, help="baohoa --memory per task (site aggregates before spilling)")
    return p.parse_args(argv)


def read_manifest(path):
    with open(path, encoding="utf-8") as f:
        paths = [l.strip() for l in f if l.strip() and not l.lstrip().startswith("#")]
    if not paths:
        sys.exit(f"baohoa-spark: {path} lists no dumps; write one path per line")
    return paths


def binary(opt):
    if opt:
        return opt
    from pyspark import SparkFiles

    b = SparkFiles.get("baohoa")
    if not os.path.exists(b):
        raise RuntimeError("baohoa binary not shipped: pass `--files path/to/baohoa` to spark-submit, or --binary")
    if not os.access(b, os.X_OK):
        os.chmod(b, 0o755)
    return b


def model_args(a):
    out = []
    if a.registry:
        out += ["--registry", a.registry]
    if a.models:
        out += ["--models", a.models]
    return out


def run(cmd):
    r = subprocess.run(cmd, capture_output=True, text=True)
    if r.returncode not in OK_CODES:
        # The task fails; Spark retries it (the outputs are atomic, so a retry starts clean).
        raise RuntimeError(f"{' '.join(cmd)} exited {r.returncode}: {r.stderr.strip()[-2000:]}")
    return r.returncode


def sha256_of(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def is_local(uri):
    return "://" not in uri or uri.startswith("file://")


def local_path(uri):
    return uri[len("file://"):] if uri.startswith("file://") else uri


def map_tasks(a, bin_opt, work):
    """Maps each dump of a task: `(path, None)` for a local dump, `(uri, bytes)` for one that
    Spark fetched (binaryFiles) and that is written to the task's temporary folder first."""

    def task(index, items):
        b = binary(bin_opt)
        for path, content in items:
            with tempfile.TemporaryDirectory(prefix="baohoa-task-") as tmp:
                if content is None:
                    local = local_path(path)
                else:
                    local = os.path.join(tmp, os.path.basename(path) or "dump")
                    with open(local, "wb") as f:
                        f.write(content)
                    del content
                sha = sha256_of(local)
                out = os.path.join(work, "maps", sha)
                if os.path.isdir(out):
                    # Finished by an earlier attempt or run (the folder appears whole or not at all).
                    yield (sha, path, "reused")
                    continue
                cmd = [b, "map", local, "-o", out, "--partitions", str(a.partitions), "--quiet",
                       "--threads", str(a.threads), "--spill-dir", tmp]
                if a.memory:
                    cmd += ["--memory", a.memory]
                code = run(cmd + model_args(a))
                yield (sha, path, "mapped" if code == 0 else "mapped-with-damage")

    return task


def reduce_tasks(a, bin_opt, work, shas, run_id):
    def task(items):
        b = binary(bin_opt)
        for i in items:
            out = reduced_file(work, run_id, i, a.partitions)
            if os.path.exists(out):
                yield (i, "reused")
                continue
            maps = [os.path.join(work, "maps", s) for s in shas]
            run([b, "reduce", "--partition", str(i), "-o", out] + model_args(a) + maps)
            yield (i, "reduced")

    return task


def reduced_file(work, run_id, i, n):
    return os.path.join(work, "reduced", run_id, f"{i:05}-of-{n:05}.baohoa")


def main(argv=None):
    a = parse_args(argv if argv is not None else sys.argv[1:])
    from pyspark.sql import SparkSession

    spark = SparkSession.builder.appName("baohoa").getOrCreate()
    sc = spark.sparkContext
    sc.setLogLevel("WARN")
    dumps = read_manifest(a.manifest)
    work = os.path.abspath(a.work)
    os.makedirs(os.path.join(work, "maps"), exist_ok=True)

    # Stage 1: one task per dump (a dump is never split: gunzip and WARC reading are sequential).
    local = [d for d in dumps if is_local(d)]
    remote = [d for d in dumps if not is_local(d)]
    shards = sc.parallelize([(d, None) for d in local], numSlices=max(1, len(local)))
    if remote:
        shards = shards.union(sc.binaryFiles(",".join(remote), minPartitions=len(remote)))
    mapped = shards.mapPartitionsWithIndex(map_tasks(a, a.binary, work)).collect()
    # The same dump listed twice maps once and must count once.
    shas = sorted({sha for sha, _, _ in mapped})
    for sha, path, how in sorted(mapped, key=lambda m: m[1]):
        print(f"baohoa-spark: map {path} -> maps/{sha[:12]}… ({how})", file=sys.stderr)

    # Stage 2: one task per partition; the reduced files are named by the set of maps they merge
    # (and the partition count and models given), so a resumed run reuses only its own.
    key = "\n".join(shas + [str(a.partitions)] + model_args(a))
    run_id = hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]
    os.makedirs(os.path.join(work, "reduced", run_id), exist_ok=True)
    parts = sc.parallelize(range(a.partitions), numSlices=a.partitions)
    reduced = parts.mapPartitions(reduce_tasks(a, a.binary, work, shas, run_id)).collect()
    print(f"baohoa-spark: reduced {len(reduced)} partitions into reduced/{run_id}", file=sys.stderr)

    # Stage 3: the finishing reduce on the driver writes the outputs.
    b = a.binary or binary(None)
    files = [reduced_file(work, run_id, i, a.partitions) for i in range(a.partitions)]
    code = run([b, "reduce", "--finish", "-o", a.out] + model_args(a) + files)
    spark.stop()
    print(f"baohoa-spark: wrote {a.out} (exit {code})", file=sys.stderr)
    return code


if __name__ == "__main__":
    sys.exit(main())
