#!/usr/bin/python3
"""scripts/dask_extract.py on a local Dask cluster of 2 workers gives what `finfacts batch` gives.

  tests/dask_test.py BINARY SOURCE_DIR

Inputs: the seed article, the same in GB18030, a file no encoding reads, an empty file, and a
JSONL file of two lines. Then a partition that keeps failing (a binary that exits 3) is retried
and reported, and no part file is written for it.
"""
import glob
import json
import os
import subprocess
import sys
import tempfile


def documents(paths, drop=()):
    out = {}
    for path in paths:
        with open(path, encoding="utf-8") as f:
            for line in f:
                doc = json.loads(line)
                for key in drop:
                    doc.pop(key, None)
                assert doc["id"] not in out, f"{doc['id']} twice"
                out[doc["id"]] = doc
    return out


def main():
    binary, source = sys.argv[1], sys.argv[2]
    script = os.path.join(source, "scripts", "dask_extract.py")
    with tempfile.TemporaryDirectory() as tmp:
        inputs = os.path.join(tmp, "in")
        os.makedirs(inputs)
        seed = open(os.path.join(source, "corpus", "articles", "deepseek-compute-stocks.txt"), "rb").read()
        open(os.path.join(inputs, "seed.txt"), "wb").write(seed)
        open(os.path.join(inputs, "seed-gb.txt"), "wb").write(seed.decode("utf-8").encode("gb18030"))
        open(os.path.join(inputs, "bad.txt"), "wb").write("增长".encode() + b"\xff10%")
        open(os.path.join(inputs, "empty.txt"), "wb").write(b"")
        for i in range(6):
            open(os.path.join(inputs, f"short{i}.txt"), "w").write(f"營收增長{i}.5%，騰訊")
        lines = os.path.join(tmp, "lines.jsonl")
        with open(lines, "w") as f:
            f.write(json.dumps({"id": "line-a", "text": "阿裏市值上漲10%"}, ensure_ascii=False) + "\n")
            f.write(json.dumps({"id": "line-b", "text": "去年10月", "ref_date": "2025-02-14"}, ensure_ascii=False) + "\n")

        parts = os.path.join(tmp, "parts")
        run = subprocess.run(["/usr/bin/python3", script, inputs, lines, "--out", parts, "--workers", "2",
                              "--binary", binary, "--ref-date", "2025-02-14"], capture_output=True, text=True)
        assert run.returncode == 0, run.stderr
        dask = documents(sorted(glob.glob(os.path.join(parts, "part-*.jsonl"))))
        assert not glob.glob(os.path.join(parts, "*.tmp")), "no temporary part file is left"

        batch_out = os.path.join(tmp, "batch.jsonl")
        run = subprocess.run([binary, "batch", inputs, "--out", batch_out, "--ref-date", "2025-02-14", "--quiet"],
                             capture_output=True, text=True)
        assert run.returncode == 1, run.stderr  # bad.txt
        batch = documents([batch_out], drop=("input_hash",))

        files = {k: v for k, v in dask.items() if not k.startswith("line-")}
        assert files.keys() == batch.keys(), (sorted(files), sorted(batch))
        for key in batch:
            assert files[key] == batch[key], f"{key} differs between dask_extract and batch"
        assert dask["line-a"]["mentions"][0]["value"]["name"] == "阿里巴巴"
        assert dask["line-b"]["mentions"][0]["value"]["value"] == "2024-10"
        assert len(dask[os.path.join(inputs, "seed-gb.txt")]["mentions"]) == 109
        print(f"dask_test: {len(dask)} documents from 2 workers, the {len(batch)} files equal to finfacts batch")

        # A partition whose binary keeps failing: retried, reported, exit 1, no part file.
        failing = os.path.join(tmp, "fail.sh")
        open(failing, "w").write("#!/bin/sh\nexit 3\n")
        os.chmod(failing, 0o755)
        broken = os.path.join(tmp, "broken")
        run = subprocess.run(["/usr/bin/python3", script, inputs, "--out", broken, "--workers", "2", "--partitions", "2",
                              "--retries", "1", "--binary", failing], capture_output=True, text=True)
        assert run.returncode == 1, run.stderr
        assert "partition 0" in run.stderr and "failed" in run.stderr, run.stderr
        assert not glob.glob(os.path.join(broken, "part-*")), "a failed partition writes no part file"
        print("dask_test: a failing partition is retried, reported, and writes nothing")


if __name__ == "__main__":
    main()
