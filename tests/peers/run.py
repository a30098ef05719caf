#!/usr/bin/python3
"""Runs finfacts over a peer project's test cases and reports how many agree.

Usage: run.py FINFACTS_BINARY SUITE [--min-pass N]
Suites:
  percent   recognizers-text-zh/percent.jsonl: every expected percentage with the same span and
            value, and no other percentage (个百分点 counts as a percentage there, so `points`
            is not compared).
Prints each failing case, then 'N passed, N failed'. With --min-pass, exits 1 when fewer pass.
"""
import argparse
import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

HERE = Path(__file__).resolve().parent


def run_finfacts(binary, cases):
    lines = "\n".join(json.dumps({"id": i, "text": c["input"]}, ensure_ascii=False) for i, c in enumerate(cases))
    out = subprocess.run([binary, "extract", "--jsonl"], input=lines, capture_output=True, text=True).stdout
    docs = {}
    for line in out.splitlines():
        doc = json.loads(line)
        docs[doc["id"]] = doc
    return [docs.get(i, {"mentions": []}) for i in range(len(cases))]


def percent_suite(binary):
    cases = [json.loads(line) for line in open(HERE / "recognizers-text-zh/percent.jsonl", encoding="utf-8")]
    results = []
    for case, doc in zip(cases, run_finfacts(binary, cases)):
        expected = [(e["start"], e["end"], Decimal(e["resolution"]["value"].rstrip("%")))
                    for e in case["expected"] if e["type"] == "percentage"]
        found = [(m["start"], m["end"], Decimal(str(m["value"]["value"])) if "value" in m["value"] else None)
                 for m in doc["mentions"] if m["type"] == "percent"]
        results.append((case["input"], expected == found, expected, found))
    return results


SUITES = {"percent": percent_suite}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("binary")
    parser.add_argument("suite", choices=sorted(SUITES))
    parser.add_argument("--min-pass", type=int, default=0)
    args = parser.parse_args()
    results = SUITES[args.suite](args.binary)
    passed = sum(ok for _, ok, _, _ in results)
    for text, ok, expected, found in results:
        if not ok:
            show = lambda spans: [f"[{s},{e}) {v}" for s, e, v in spans]
            print(f"FAIL {text!r}: expected {show(expected)} found {show(found)}")
    print(f"{args.suite}: {passed} passed, {len(results) - passed} failed")
    if passed < args.min_pass:
        print(f"fewer than the {args.min_pass} cases known to pass", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
