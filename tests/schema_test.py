#!/usr/bin/python3
"""Validates finfacts output against schema/document.schema.json (Debian: python3-jsonschema).

Usage: schema_test.py FINFACTS_BINARY SOURCE_DIR
Checks the corpus documents, an error document, and the golden files themselves,
and that the schema rejects documents that break the contract.
"""
import json
import subprocess
import sys
import tempfile
from pathlib import Path

import jsonschema

binary, source = sys.argv[1], Path(sys.argv[2])
schema = json.loads((source / "schema/document.schema.json").read_text())
jsonschema.Draft202012Validator.check_schema(schema)
validator = jsonschema.Draft202012Validator(schema)
failures = []


def check(name, doc, valid=True):
    errors = list(validator.iter_errors(doc))
    if valid and errors:
        failures.append(f"{name}: {errors[0].message} at {list(errors[0].absolute_path)}")
    if not valid and not errors:
        failures.append(f"{name}: the schema accepted a document that breaks the contract")


articles = sorted((source / "corpus/articles").glob("*.txt"))
out = subprocess.run([binary, "extract", "--ref-date", "2025-02-14", *map(str, articles)],
                     capture_output=True, text=True, check=True).stdout
docs = [json.loads(line) for line in out.splitlines()]
assert len(docs) == len(articles), out
for path, doc in zip(articles, docs):
    check(path.name, doc)
for golden in sorted((source / "corpus/golden").glob("*.json")):
    check(golden.name, json.loads(golden.read_text()))

with tempfile.NamedTemporaryFile(suffix=".txt") as bad:
    bad.write(b"abc\xff")
    bad.flush()
    run = subprocess.run([binary, "extract", bad.name], capture_output=True, text=True)
    assert run.returncode == 1, run
    check("error document", json.loads(run.stdout))

# Without a reference date, relative dates carry what is written instead of calendar values.
no_ref = subprocess.run([binary, "extract"], input="去年10月，下周四，1月27日，前三季度，2024年以来，过去两年",
                        capture_output=True, text=True, check=True).stdout
check("relative dates without ref_date", json.loads(no_ref))
assert {m["type"] for m in json.loads(no_ref)["mentions"]} == {"date", "duration"}, no_ref

good = docs[0]
first = {kind: next(m for m in good["mentions"] if m["type"] == kind)
         for kind in ("percent", "number", "money", "date", "duration")}


def with_mention(kind, **changes):
    return {**good, "mentions": [{**first[kind], **changes}]}


broken = [
    ("no length", {k: v for k, v in good.items() if k != "length"}),
    ("bad script", {**good, "script": "latin"}),
    ("percent with min only", with_mention("percent", value={"min": 1})),
    ("negative start", with_mention("percent", start=-1)),
    ("value as string", with_mention("percent", value={"value": "10.83"})),
    ("number with amount", with_mention("number", value={"amount": 3})),
    ("number with value and min", with_mention("number", value={"value": 3, "min": 1, "max": 4})),
    ("money without currency", with_mention("money", value={"amount": 5})),
    ("money with a currency name", with_mention("money", value={"amount": 5, "currency": "元"})),
    ("money with value", with_mention("money", value={"value": 5, "currency": "CNY"})),
    ("unknown approx", with_mention("number", value={"value": 3, "approx": "roughly"})),
    ("date without its days", with_mention("date", value={"value": "2024"})),
    ("date as a number", with_mention("date", value={"value": 2024, "start": "2024-01-01", "end": "2024-12-31"})),
    ("date with an unknown mod", with_mention("date", value={"value": "2024", "start": "2024-01-01",
                                                               "end": "2024-12-31", "mod": "around"})),
    ("duration not in ISO 8601", with_mention("duration", value={"value": "2 years"})),
]
for name, doc in broken:
    check(name, doc, valid=False)

for f in failures:
    print("FAIL", f)
print(f"{len(docs) + 2 + len(broken) - len(failures)} passed, {len(failures)} failed")
sys.exit(1 if failures else 0)
