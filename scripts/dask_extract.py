#!/usr/bin/python3
"""Extraction on a Dask cluster: finfacts as the unit of work, one partition per task.

  scripts/dask_extract.py INPUT... --out DIR [--scheduler ADDRESS] [--workers N]
                          [--partitions N] [--binary PATH] [--ref-date YYYY-MM-DD] [--retries N]

INPUT: text files, folders (their files ending in .txt, recursively) and .jsonl files (one
{"id", "text", "ref_date"?} per line). The inputs are split into partitions; each partition is a
Dask task that pipes its share through the finfacts binary on a worker:

  text files   ->  finfacts extract [--ref-date D] FILE...     (files read where the worker runs)
  JSONL lines  ->  finfacts extract --jsonl [--ref-date D]      (the lines travel with the task)

and returns JSON Lines, which this client writes to DIR/part-NNNNN.jsonl through a temporary file
and a rename: a part file is whole or absent. A task that fails (a worker lost, finfacts crashed)
is retried --retries times (default 2), then reported; the other parts are still written, and
the exit status is 1. An input that finfacts cannot read is an error document, not a failure.

Without --scheduler, a local cluster of --workers processes (default 2) is started. Debian:
python3-distributed. The binary must exist at the same path on every worker (--binary).
"""
import argparse
import json
import os
import subprocess
import sys

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")


def list_units(inputs):
    """Each unit of work: ("file", path) or ("line", jsonl line)."""
    units = []
    for path in inputs:
        if os.path.isdir(path):
            found = []
            for folder, _, names in os.walk(path):
                found += [os.path.join(folder, n) for n in names if n.endswith(".txt")]
            units += [("file", p) for p in sorted(found)]
        elif path.endswith(".jsonl"):
            with open(path, encoding="utf-8") as f:
                units += [("line", line) for line in f if line.strip()]
        else:
            units.append(("file", path))
    return units


def run_partition(units, binary, ref_date):
    """Runs on a worker: the partition through finfacts; its JSON Lines output."""
    flags = ["--ref-date", ref_date] if ref_date else []
    out = []
    files = [u for kind, u in units if kind == "file"]
    lines = [u for kind, u in units if kind == "line"]
    if files:
        done = subprocess.run([binary, "extract", *flags, "--", *files], capture_output=True)
        if done.returncode not in (0, 1):  # 1: some input was bad, and has its error document
            raise RuntimeError(f"finfacts exited {done.returncode}: {done.stderr.decode(errors='replace')[-500:]}")
        out.append(done.stdout.decode())
    if lines:
        done = subprocess.run([binary, "extract", "--jsonl", *flags], input="".join(lines).encode(),
                              capture_output=True)
        if done.returncode not in (0, 1):
            raise RuntimeError(f"finfacts exited {done.returncode}: {done.stderr.decode(errors='replace')[-500:]}")
        out.append(done.stdout.decode())
    text = "".join(out)
    count = sum(1 for line in text.splitlines() if line.strip())
    if count != len(units):  # one document per unit, or something was lost
        raise RuntimeError(f"finfacts gave {count} documents for {len(units)} inputs")
    return text


def write_atomically(path, text):
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(text)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("inputs", nargs="+")
    ap.add_argument("--out", required=True, help="folder for the part files")
    ap.add_argument("--scheduler", help="address of a running Dask scheduler (default: a local cluster)")
    ap.add_argument("--workers", type=int, default=2, help="processes of the local cluster")
    ap.add_argument("--partitions", type=int, help="default: four per worker")
    ap.add_argument("--binary", default=os.path.join(ROOT, "build", "finfacts"))
    ap.add_argument("--ref-date")
    ap.add_argument("--retries", type=int, default=2)
    args = ap.parse_args()

    from dask.distributed import Client, LocalCluster, as_completed  # Debian: python3-distributed

    units = list_units(args.inputs)
    os.makedirs(args.out, exist_ok=True)
    if args.scheduler:
        client = Client(args.scheduler)
    else:
        client = Client(LocalCluster(n_workers=args.workers, threads_per_worker=1, processes=True,
                                     dashboard_address=None))
    workers = max(1, len(client.scheduler_info()["workers"]))
    count = max(1, min(len(units), args.partitions or 4 * workers))
    parts = [units[i::count] for i in range(count)]
    futures = {client.submit(run_partition, part, args.binary, args.ref_date, retries=args.retries, pure=False): i
               for i, part in enumerate(parts)}
    failed = []
    for future in as_completed(futures):
        i = futures[future]
        try:
            write_atomically(os.path.join(args.out, f"part-{i:05d}.jsonl"), future.result())
        except Exception as e:  # after its retries
            failed.append(i)
            print(f"dask_extract: partition {i} ({len(parts[i])} inputs) failed: {e}", file=sys.stderr)
    client.close()
    print(f"dask_extract: {len(units)} inputs in {count} partitions on {workers} workers, "
          f"{count - len(failed)} part files in {args.out}, {len(failed)} failed", file=sys.stderr)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
