#!/usr/bin/python3
"""Runs finfacts over public projects' test cases and reports how many agree, file by file.

Usage: run.py FINFACTS_BINARY [SUITE ...] [--floor SUITE=N ...] [--show-failures] [--show-out-of-scope]

Each suite feeds its file's cases through `finfacts extract --jsonl` (one process per suite) and
compares the mentions of the types it is about. A case is out of scope when it asks for
something finfacts decides differently on purpose; the reasons are listed in OUT_OF_SCOPE below,
and every out-of-scope case is printed with its reason by --show-out-of-scope. A suite's pass
rate is over its in-scope cases. With --floor, the exit status is 1 when a suite passes fewer
cases than its floor (tests/CMakeLists.txt sets the floors at what passes today).

How spans compare: finfacts puts the words that qualify a quantity into its mention (约, 超过,
多, 每股, the counter word 家), where the peers often leave them out. A finfacts mention agrees
with an expected one when the values agree and its text is the expected text with only such
words added before or after it.
"""
import argparse
import json
import re
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

HERE = Path(__file__).resolve().parent

# Why a case is out of scope; each suite's `scope` function returns one of these keys, or None.
OUT_OF_SCOPE = {
    "lone digit": "a single Chinese digit standing alone (一, 两, 十, 五) is a word in prose (一切, 统一, "
                  "十分); finfacts reports it only with a counter or in a range",
    "digit string": "Chinese digits without units (一一, 一二三, 二〇〇二) are words (一一列举) or years in "
                    "prose; finfacts reads them only with 点 (一七二零点一)",
    "line number": "an integer of up to three digits alone on a line heads a section (01, 02) in an article",
    "spaced numeral": "spaces inside a numeral (两千 四 百 五) come from speech transcripts, not articles",
    "latin suffix": "K/M/G/k after digits (3M, 40k): 3M is also a company, M also a month",
    "notation": "scientific notation, powers and slash fractions (2^5, 1e3, 3/5) are not article prose; "
                "1/2 is also a date",
    "mixed fraction": "又 joining a whole number and a fraction, and signed denominators",
    "pair counter": "counters that multiply (一对 = 2, 一打 = 12) stay as written (一对 is 1 with unit 对)",
    "leading unit": "a numeral opening with 千 or 万 (千一, 万九) reads as a word (千万, 万一)",
    "half": "半 (half) as a number",
    "兆": "兆 is 10^6 in mainland technical use and 10^12 in older and Taiwanese use: left out",
    "date": "years, dates and clock times are dates (issue 4), not numbers",
    "percent": "a percentage or percentage points: finfacts reports it as a percent, not a number",
    "comparative": "comparisons and conditions (大于…小于, 不小于, 至少有, 比…大, ≥) describe constraints, "
                   "not amounts; finfacts marks only 大于/小于/超过 directly before a number",
    "cents alone": "cents alone (25分, 五仙) and sub-units of foreign money (美分, 日本銭)",
    "no amount": "a currency name with no amount, or a currency finfacts has no ISO code for (比特币)",
    "no currency": "an amount with no currency word in a sentence not about money: finfacts reports a number "
                   "and does not assume 元",
    "vague": "几十, 几百: no number is written",
    "doubled currency": "two currency words in a row (三万元欧元, 9000元日币)",
    "too large": "beyond 18 significant digits, more than finfacts keeps exactly",
    "strict mode": "cn2an's strict mode rejects spoken forms that finfacts, reading prose, accepts",
    "discount": "折 is a discount (八折 = 80% of the price), a price ratio rather than a share: not a percent",
    "archaic magnitude": "百万万 (10^10) and similar stacked magnitudes",
}

CN_DIGITS = "零〇一二两兩三四五六七八九壹贰貳叁參肆伍陆陸柒捌玖"
CN_UNITS = "十拾百佰千仟万萬亿億廿卅卌"


def run_finfacts(binary, texts):
    lines = "\n".join(json.dumps({"id": i, "text": t}, ensure_ascii=False) for i, t in enumerate(texts))
    out = subprocess.run([binary, "extract", "--jsonl"], input=lines + "\n", capture_output=True, text=True)
    docs = {}
    for line in out.stdout.splitlines():
        doc = json.loads(line)
        docs[doc["id"]] = doc
    return [docs.get(i, {"mentions": []}) for i in range(len(texts))]


def num(x):
    return None if x is None else Decimal(str(x)).normalize()


def value_of(m):
    """(value, min, max) of a number, percent or money mention, as Decimals."""
    v = m["value"]
    single = v.get("value", v.get("amount"))
    return num(single), num(v.get("min")), num(v.get("max"))


def agrees(m, start, end):
    """Whether mention m covers [start, end) adding only qualifying words around it."""
    return m["start"] <= start and end <= m["end"] and (
        (m["start"] == start or "approx" in m["value"] or "per" in m["value"]) and
        (m["end"] == end or "unit" in m["value"] or "approx" in m["value"] or "per" in m["value"]))


def all_agree(found, got, want):
    """found: finfacts mentions; got: their (start, end, value...) tuples; want: the expected tuples."""
    return len(got) == len(want) and all(
        agrees(m, w[0], w[1]) and g[2:] == w[2:] for m, g, w in zip(found, got, want))


def whole_text_value(doc, text, types):
    """The single mention of `types` that covers all of `text` (ignoring surrounding spaces), or None."""
    body = text.strip()
    start = text.index(body) if body else 0
    found = [m for m in doc["mentions"] if m["type"] in types]
    if len(found) != 1 or not agrees(found[0], start, start + len(body)):
        return None
    return found[0]


# ---- Duckling ------------------------------------------------------------------------------

def is_lone_digit(text):
    return len(text) == 1 and text in CN_DIGITS + "十拾"


def numeral_scope(text):
    t = text.strip()
    if is_lone_digit(t):
        return "lone digit"
    if re.fullmatch(r"-?\d{1,3}", t):
        return "line number"
    if re.search(r"\d[KMGk]\b|\d[KMGk]$", t):
        return "latin suffix"
    if re.search(r"[对對双雙打]", t):
        return "pair counter"
    if t[0] in "千仟万萬百佰":
        return "leading unit"
    if "半" in t:
        return "half"
    if re.match(r"^- ", t):
        return "spaced numeral"
    return None


def duckling_numeral(binary):
    for c, doc in cases_with_output(binary, "duckling-zh/numeral.jsonl", "text"):
        m = whole_text_value(doc, c["text"], {"number"})
        found = value_of(m)[0] if m else None
        yield c["text"], numeral_scope(c["text"]), found == num(c["expected"]["value"]), c["expected"]["value"], found


DUCKLING_CURRENCY = {"Dollar": "CNY", "CNY": "CNY"}  # zh: 块 and 元 resolve to "Dollar"


def duckling_money(binary):
    for c, doc in cases_with_output(binary, "duckling-zh/amountofmoney.jsonl", "text"):
        e = c["expected"]
        scope = "cents alone" if e["unit"] == "Cent" else "pair counter" if "個" in c["text"] else None
        m = whole_text_value(doc, c["text"], {"money"})
        if e["type"] == "value":
            want = (num(e["value"]), None, None, None)
        elif "from" in e and "to" in e:
            want = (None, num(e["from"]), num(e["to"]), None)
        else:  # an open interval: more than `from`, or at most `to`
            want = (num(e.get("from", e.get("to"))), None, None, "more_than" if "from" in e else "less_than")
        got = (*value_of(m), m["value"].get("approx")) if m else None
        ok = got == want and m["value"]["currency"] == DUCKLING_CURRENCY.get(e["unit"])
        yield c["text"], scope, ok, want, got


# ---- JioNLP --------------------------------------------------------------------------------

JIONLP_CURRENCY = {"元": "CNY", "港元": "HKD", "美元": "USD", "日元": "JPY", "欧元": "EUR", "新台币": "TWD",
                   "泰铢": "THB"}
# JioNLP's definitions: accurate, blur (about, or a range), blur- (below), blur+ (at least).
JIONLP_APPROX = {"accurate": {None}, "blur": {"about", None}, "blur-": {"less_than", "nearly"},
                 "blur+": {"more_than"}}


def money_parser_scope(text):
    if text.startswith("几") or "几十" in text:
        return "vague"
    if re.search(r"元(欧元|日币)", text):
        return "doubled currency"
    if not re.search(r"元|块|币|港|美|欧|日|铢", text):
        return "no currency"
    return None


def jionlp_money_parser(binary):
    for c, doc in cases_with_output(binary, "jionlp/money_parser.jsonl", "text"):
        e = c["expected"]
        m = whole_text_value(doc, c["text"], {"money"})
        got = None
        ok = False
        if m:
            single, lo, hi = value_of(m)
            approx = m["value"].get("approx")
            got = (single, lo, hi, approx, m["value"]["currency"])
            if isinstance(e["num"], list):
                a, b = num(e["num"][0]), num(e["num"][1])
                # 3000多 is [3000, 4000] to JioNLP; to finfacts more than 3000, which says the same.
                ok = (lo, hi) == (a, b) or (single == a and approx == "more_than")
            else:
                ok = single == num(e["num"]) and approx in JIONLP_APPROX[e["definition"]]
            ok = ok and m["value"]["currency"] == JIONLP_CURRENCY[e["case"]]
        yield c["text"], money_parser_scope(c["text"]), ok, e, got


def jionlp_money_extractor(binary):
    for c, doc in cases_with_output(binary, "jionlp/money_extractor.jsonl", "text"):
        want = [tuple(e["offset"]) for e in c["expected"]]
        money = [m for m in doc["mentions"] if m["type"] == "money"]
        ok = len(money) == len(want) and all(agrees(m, s, e) for m, (s, e) in zip(money, want))
        yield c["text"], None, ok, want, [(m["start"], m["end"], m["text"]) for m in money]


# ---- cn2an ---------------------------------------------------------------------------------

def cn2an_scope(c):
    text = c["text"]
    if c["expected"] == "ValueError":
        return None if "smart" in c["invalid_in"] else "strict mode"
    if c["mode"] == "direct":
        return "digit string"
    if is_lone_digit(text) or text == "〇":
        return "lone digit"
    if not any(ch in CN_UNITS + "点" for ch in text) and not re.search(r"\d", text):
        return "digit string"
    return None


def cn2an(binary):
    for c, doc in cases_with_output(binary, "cn2an/cn2an.jsonl", "text"):
        m = whole_text_value(doc, c["text"], {"number", "money"})
        found = value_of(m)[0] if m else None
        if c["expected"] == "ValueError":  # no reading of the whole text as one number
            yield c["text"], cn2an_scope(c), m is None, "no number", found
        else:
            yield c["text"], cn2an_scope(c), found == num(c["expected"]), c["expected"], found


# ---- Recognizers-Text ----------------------------------------------------------------------

# finfacts' counter words, and the Traditional forms of those the peers write.
COUNTERS = set(json.load(open(HERE / "../../rules/number.json", encoding="utf-8"))["tables"]["counters"])
TRADITIONAL_COUNTERS = {"個": "个", "隻": "只", "張": "张", "項": "项", "條": "条", "輛": "辆", "間": "间",
                        "種": "种", "類": "类", "筆": "笔", "單": "单", "場": "场", "顆": "颗", "輪": "轮"}


def counted(text, end):
    """Whether a counter word follows position `end` of `text`."""
    rest = text[end:end + 4]
    return any(rest.startswith(c) or rest.startswith(t) and TRADITIONAL_COUNTERS[t] == c
               for c in COUNTERS for t in [k for k, v in TRADITIONAL_COUNTERS.items() if v == c] + [c])


def in_percent(text, e):
    return text[max(0, e["start"] - 3):e["start"]] in ("百分之", "佰分之") or re.match(
        r"\s*(个|個)?百分(点|點)", text[e["end"]:])


def recognizers_number_scope(case):
    for e in case["expected"]:
        t = e["text"]
        v = e["resolution"]["value"]
        if v and v[0] in "([":
            return "comparative"
        if is_lone_digit(t) and not counted(case["input"], e["end"]):
            return "lone digit"
        if in_percent(case["input"], e):
            return "percent"
        if " " in t.strip():
            return "spaced numeral"
        if re.search(r"[\^eE/]|^\d+\s*\d+/", t) and not re.search(r"[万亿萬億]", t):
            return "notation"
        if "又" in t or re.search(r"[负負]\S*分之[负負]", t):
            return "mixed fraction"
        if re.search(r"[kK]$", t):
            return "latin suffix"
        if "兆" in t:
            return "兆"
        if "打" in t:
            return "pair counter"
        if t[0] in "千仟万萬百佰":
            return "leading unit"
    if re.search(r"\d年|\d月|\d日|年\d|时间", case["input"]):
        return "date"
    if re.search(r"[对對双雙]", case["input"]):
        return "pair counter"
    return None


def recognizers_number(binary):
    for c, doc in cases_with_output(binary, "recognizers-text-zh/number.jsonl", "input"):
        text = c["input"]
        found = [m for m in doc["mentions"] if m["type"] == "number"]
        want = [(e["start"], e["end"], num(e["resolution"]["value"])) for e in c["expected"]]
        got = [(m["start"], m["end"], value_of(m)[0]) for m in found]
        yield text, recognizers_number_scope(c), all_agree(found, got, want), want, got


RANGE = re.compile(r"^[\[(](?P<lo>[-\d.E+]*),(?P<hi>[-\d.E+]*)[\])]$")
SIMPLE_RANGE = re.compile(r"^[^<>≥≤]+?(?:~|-|到|至)[^<>≥≤]+$")
ONE_SIDED = re.compile(r"^(大于|小于|超过|不到|低于|高于|少于|多于)[\d一二三四五六七八九十百千万亿零两]")


def recognizers_range_scope(case):
    if not case["expected"]:
        return None
    for e in case["expected"]:
        t = e["text"]
        m = RANGE.match(e["resolution"]["value"])
        if "分之" in t or "/" in t:
            return "notation"
        if re.search(r"百分之", t):
            return "percent"
        if re.search(r"[kK]\b|k-", t):
            return "latin suffix"
        if m["lo"] and m["hi"]:
            if not SIMPLE_RANGE.match(t) or re.search(r"大于|小于|等于|不|与|间|并", t):
                return "comparative"
        elif not (ONE_SIDED.match(t) or re.search(r"[余多几]", t)):
            return "comparative"
    return None


def recognizers_number_range(binary):
    for c, doc in cases_with_output(binary, "recognizers-text-zh/number_range.jsonl", "input"):
        found = [m for m in doc["mentions"] if m["type"] == "number"]
        want, got = [], []
        for e in c["expected"]:
            r = RANGE.match(e["resolution"]["value"])
            lo, hi = num(r["lo"] or None), num(r["hi"] or None)
            if lo is not None and hi is not None:
                want.append((e["start"], e["end"], None, lo, hi, None))
            else:
                want.append((e["start"], e["end"], lo if lo is not None else hi, None, None,
                             "more_than" if lo is not None else "less_than"))
        for m in found:
            got.append((m["start"], m["end"], *value_of(m), m["value"].get("approx")))
        yield c["input"], recognizers_range_scope(c), all_agree(found, got, want), want, got


def recognizers_currency_scope(case):
    for e in case["expected"]:
        t, r = e["text"], e["resolution"]
        if r.get("value") is None or r.get("isoCurrency") is None:
            return "no amount"
        if "兆" in t:
            return "兆"
        if re.search(r"美分|銭|又", t):
            return "cents alone"
        if len(re.sub(r"\D", "", t)) > 18:
            return "too large"
    return None


def recognizers_currency(binary):
    for c, doc in cases_with_output(binary, "recognizers-text-zh/currency.jsonl", "input"):
        money = [m for m in doc["mentions"] if m["type"] == "money"]
        want = [(e["start"], e["end"], num(e["resolution"].get("value")), e["resolution"].get("isoCurrency"))
                for e in c["expected"]]
        got = [(m["start"], m["end"], value_of(m)[0], m["value"]["currency"]) for m in money]
        yield c["input"], recognizers_currency_scope(c), all_agree(money, got, want), want, got


def recognizers_percent_scope(case):
    for e in case["expected"]:
        t = e["text"]
        if "折" in t:
            return "discount"
        if re.search(r"\S\s+\S", t):
            return "spaced numeral"
        if re.search(r"[kKＫ]", t):
            return "latin suffix"
        if "半" in t:
            return "half"
        if "百万万" in t:
            return "archaic magnitude"
    return None


def recognizers_percent(binary):
    """Every expected percentage with the same span and value, and no other percentage
    (个百分点 counts as a percentage there, so `points` is not compared)."""
    for c, doc in cases_with_output(binary, "recognizers-text-zh/percent.jsonl", "input"):
        want = [(e["start"], e["end"], num(e["resolution"]["value"].rstrip("%")))
                for e in c["expected"] if e["type"] == "percentage"]
        got = [(m["start"], m["end"], value_of(m)[0]) for m in doc["mentions"] if m["type"] == "percent"]
        yield c["input"], recognizers_percent_scope(c), want == got, want, got


# ---- Running -------------------------------------------------------------------------------

def load(name):
    return [json.loads(line) for line in open(HERE / name, encoding="utf-8") if line.strip()]


def cases_with_output(binary, name, field):
    """Each case of file `name` with the document finfacts makes of its `field`."""
    cases = load(name)
    return zip(cases, run_finfacts(binary, [c[field] for c in cases]))


SUITES = {
    "duckling-numeral": duckling_numeral,
    "duckling-money": duckling_money,
    "jionlp-money-parser": jionlp_money_parser,
    "jionlp-money-extractor": jionlp_money_extractor,
    "cn2an": cn2an,
    "recognizers-number": recognizers_number,
    "recognizers-number-range": recognizers_number_range,
    "recognizers-currency": recognizers_currency,
    "percent": recognizers_percent,  # recognizers-text-zh/percent.jsonl
}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("binary")
    parser.add_argument("suites", nargs="*", metavar="SUITE", help="one of " + ", ".join(sorted(SUITES)))
    parser.add_argument("--floor", action="append", default=[], metavar="SUITE=N",
                        help="fail when SUITE passes fewer than N in-scope cases")
    parser.add_argument("--show-failures", action="store_true")
    parser.add_argument("--show-out-of-scope", action="store_true")
    args = parser.parse_args()
    unknown = [s for s in args.suites if s not in SUITES]
    if unknown:
        parser.error(f"unknown suite {unknown[0]}")
    floors = dict((s.split("=")[0], int(s.split("=")[1])) for s in args.floor)
    status = 0
    for name in args.suites or sorted(SUITES):
        results = list(SUITES[name](args.binary))
        in_scope = [r for r in results if r[1] is None]
        passed = sum(1 for r in in_scope if r[2])
        for text, scope, ok, want, got in results:
            if scope is None and not ok and args.show_failures:
                print(f"  FAIL {name}: {text!r}: expected {want} found {got}")
            if scope is not None and args.show_out_of_scope:
                print(f"  out of scope ({scope}): {text!r}")
        rate = 100 * passed / len(in_scope) if in_scope else 100
        print(f"{name}: {passed}/{len(in_scope)} in scope pass ({rate:.1f}%), {len(results) - len(in_scope)} out of scope")
        if name in floors and passed < floors[name]:
            print(f"{name}: fewer than the {floors[name]} cases known to pass", file=sys.stderr)
            status = 1
    return status


if __name__ == "__main__":
    sys.exit(main())
