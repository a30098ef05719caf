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
import datetime
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
    "clock time": "times of day (下午三点, 10:30) and periods of hours, minutes or seconds: finfacts resolves to days",
    "recurring": "recurring times (每天, 每周一): a set, not a date",
    "holiday elsewhere": "festivals of other calendars and countries (religious, foreign) and solar terms (冬至): "
                         "finfacts knows the Chinese lunar festivals and China's fixed holidays",
    "future": "a date written without its year that falls more than six months after the reference date: finfacts "
              "reads news, which reports the past, and takes the earlier one (Duckling takes the next)",
    "no reference": "a relative date whose case gives no reference time",
    "span of dates": "two dates joined as a span (2023-2024年, 5月-10月, 1985到89年9月), or spans counted from "
                     "today (上两周, 三天后): not yet recognized",
    "fuzzy": "vague periods (近期, 冬季, 3年半前) that the peer resolves to guessed bounds",
    "weekday alone": "a weekday without 本周/上周/下周 (周三, 星期六): which week is meant depends on the article",
    "latest completed": "a quarter or half written without its year: finfacts takes the latest completed one (the "
                        "issue's rule for articles), the peer the current year's",
    "two-digit year": "two-digit years (17年7月, 07年, 零八年): ambiguous across centuries",
    "era or lunar date": "imperial era years (雍正十六年) and lunar calendar dates other than festivals (农历十月初一)",
    "compound duration": "durations joined from several units (一年又一个月21天, 一个半月)",
    "ordinal week or month": "the Nth week or month of a period (十月的第一周, 明年第九个月)",
    "slash date": "dates with slashes and no year (12/1, 1/2/2020): 1/2 is also a fraction",
    "week reading": "下周三 is Wednesday of next week and 这周一 this week's Monday in Chinese usage, as finfacts "
                    "reads them; Duckling takes the next such weekday",
    "count or name": "2月后, 2季度前, 10 月 name a month or quarter to finfacts (after February, October), a "
                     "count to the peer (two months later, ten months); 两个月后 says the count unambiguously. "
                     "7号 alone is as often No. 7 (7号线) as the 7th: finfacts wants 日 or a month (Recognizers-Text agrees)",
    "list": "several dates in a list (9月10号，11号，12号) read as one span",
    "trading days": "trading or working days (15个交易日): not calendar time",
    "code": "a year inside a document number (财税2016 36号文): a code, not a date",
    "anniversary": "N周年 is an anniversary (guarded), not a duration",
}

CN_DIGITS = "零〇一二两兩三四五六七八九壹贰貳叁參肆伍陆陸柒捌玖"
CN_UNITS = "十拾百佰千仟万萬亿億廿卅卌"


def first_reason(text, checks):
    """The reason of the first (pattern, reason) whose pattern the text matches, else None."""
    return next((reason for pattern, reason in checks if re.search(pattern, text)), None)


def run_finfacts(binary, texts, ref_dates=None):
    ref_dates = ref_dates or [None] * len(texts)
    lines = "\n".join(json.dumps({"id": i, "text": t, **({"ref_date": r} if r else {})}, ensure_ascii=False)
                      for i, (t, r) in enumerate(zip(texts, ref_dates)))
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


# What Recognizers-Text's expected numbers are written like that finfacts leaves out, in order.
RECOGNIZERS_NUMBER_TEXT = [
    (r" ", "spaced numeral"),
    (r"^(?!.*[万亿萬億]).*([\^eE/]|^\d+\s*\d+/)", "notation"),
    (r"又|[负負]\S*分之[负負]", "mixed fraction"),
    (r"[kK]$", "latin suffix"),
    (r"兆", "兆"),
    (r"打", "pair counter"),
    (r"^[千仟万萬百佰]", "leading unit"),
]


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
        reason = first_reason(t.strip(), RECOGNIZERS_NUMBER_TEXT)
        if reason:
            return reason
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


# What Recognizers-Text's expected percentages are written like that finfacts leaves out, in order.
RECOGNIZERS_PERCENT_TEXT = [
    (r"折", "discount"),
    (r"\S\s+\S", "spaced numeral"),
    (r"[kKＫ]", "latin suffix"),
    (r"半", "half"),
    (r"百万万", "archaic magnitude"),
]


def recognizers_percent_scope(case):
    return next((r for r in (first_reason(e["text"], RECOGNIZERS_PERCENT_TEXT) for e in case["expected"]) if r), None)


def recognizers_percent(binary):
    """Every expected percentage with the same span and value, and no other percentage
    (个百分点 counts as a percentage there, so `points` is not compared)."""
    for c, doc in cases_with_output(binary, "recognizers-text-zh/percent.jsonl", "input"):
        want = [(e["start"], e["end"], num(e["resolution"]["value"].rstrip("%")))
                for e in c["expected"] if e["type"] == "percentage"]
        got = [(m["start"], m["end"], value_of(m)[0]) for m in doc["mentions"] if m["type"] == "percent"]
        yield c["input"], recognizers_percent_scope(c), want == got, want, got


# ---- Dates and durations --------------------------------------------------------------------

CLOCK = re.compile(r"[点點时時分秒刻:：]|早上|晚上|下午|上午|中午|凌晨|傍晚|夜|钟|鐘|小时|小時")


def day(text):
    return text[:10]


def date_span(m):
    return (m["value"].get("start"), m["value"].get("end"))


def end_before(exclusive):
    y, mo, d = map(int, exclusive[:10].split("-"))
    return (datetime.date(y, mo, d) - datetime.timedelta(days=1)).isoformat()


def grain_end(start, grain):
    y, mo, d = map(int, start.split("-"))
    begin = datetime.date(y, mo, d)
    if grain in ("day", "hour", "minute", "second"):
        return start
    if grain == "week":
        return (begin + datetime.timedelta(days=6)).isoformat()
    months = {"month": 1, "quarter": 3, "year": 12}[grain]
    nxt = datetime.date(y + (mo - 1 + months) // 12, (mo - 1 + months) % 12 + 1, 1)
    return (nxt - datetime.timedelta(days=1)).isoformat()


def far_future(ref, first_day, text):
    if re.search(r"\d{4}|[〇零一二三四五六七八九]{4}年|[今明去前后後]年", text):
        return False
    return (datetime.date.fromisoformat(first_day) - datetime.date.fromisoformat(ref)).days > 183


def single_date(doc, text):
    return whole_text_value(doc, text, {"date"})


def duckling_time_scope(c):
    e, text = c["expected"], c["text"]
    grain = e.get("grain")
    if grain in ("hour", "minute", "second") or CLOCK.search(text):
        return "clock time"
    first = day(e.get("value") or e.get("from") or e.get("to"))
    if far_future(day(c["reference_time"]), first, text):
        return "future"
    if e.get("holiday"):
        return None if re.search(r"国庆|國慶|春节|春節|元旦|中秋|端午|元宵|劳动节|勞動節|除夕|圣诞|聖誕", text) else "holiday elsewhere"
    if re.match(r"(下|这|這|今)", text) and re.search(r"(周|週|星期|禮拜|礼拜)[一二三四五六日天]$", text):
        return "week reading"
    if re.match(r"(周|週|星期|禮拜|礼拜)[一二三四五六日天]", text):
        return "weekday alone"
    if e["type"] == "interval":
        return "span of dates"
    if "/" in text or re.search(r"[到至~\-]", text):
        return "span of dates"
    return None


def duckling_time(binary):
    for c, doc in cases_with_output(binary, "duckling-zh/time.jsonl", "text", "reference_time"):
        e = c["expected"]
        if e["type"] == "value":
            want = (day(e["value"]), grain_end(day(e["value"]), e["grain"]))
        else:
            want = (day(e.get("from", "")), end_before(e["to"]) if "to" in e else None)
        m = single_date(doc, c["text"])
        got = date_span(m) if m else None
        yield c["text"], duckling_time_scope(c), got == want, want, got


DURATION_LETTER = {"second": ("T", "S"), "minute": ("T", "M"), "hour": ("T", "H"), "day": ("", "D"),
                   "week": ("", "W"), "month": ("", "M"), "year": ("", "Y")}


def duckling_duration(binary):
    for c, doc in cases_with_output(binary, "duckling-zh/duration.jsonl", "text"):
        e = c["expected"]
        t, letter = DURATION_LETTER[e["grain"]]
        want = f"P{t}{e['value']}{letter}"
        m = whole_text_value(doc, c["text"], {"duration"})
        got = m["value"]["value"] if m else None
        scope = ("clock time" if e["grain"] in ("second", "minute")
                 else "count or name" if re.fullmatch(r"\d+ ?月", c["text"]) else None)
        yield c["text"], scope, got == want, want, got


def whole_days(times):
    return times[0][11:] == "00:00:00" and times[1][11:] == "23:59:59"


def contains(got, want):
    return None not in got and got[0] <= want[0] and want[1] <= got[1]


def same_days(m, got, want):
    """The same first and last day; or, for a part of a period (本月初: JioNLP says the 1st to the 5th,
    finfacts the month with mod start), a period that holds the peer's days."""
    return got == want or (got is not None and m["value"].get("mod") in ("start", "mid", "end") and contains(got, want))


# What JioNLP's time_parser cases say in their text that finfacts leaves out, in order.
JIONLP_TIME_TEXT = [
    (r"^(\d{2}|[零〇一二三四五六七八九]{2})年", "two-digit year"),
    (r"^\d{4} \d{1,2} \d{1,2}$", "spaced numeral"),
    (r"第.{1,4}(周|个星期|个月)|首月|首季度", "ordinal week or month"),
    (r"前\d+天|前[一二两三]天|后三月|[，,、].*号", "list"),
    (r"农历|正月|载|春秋", "era or lunar date"),
    (r"感恩节|冬至|夏至|春分|秋分|立春|清明", "holiday elsewhere"),
    (r"年[春夏秋冬]$", "fuzzy"),
    (r"交易日|工作日", "trading days"),
    (r"周年", "anniversary"),
    (r"以上|以下", "comparative"),
    (r"—|全天|大半", "fuzzy"),
]


def jionlp_time_parser_scope(c):
    e, text = c["expected"], c["text"]
    if e["type"] == "time_period":
        return "recurring"
    reason = first_reason(text, JIONLP_TIME_TEXT)
    if reason:
        return reason
    if re.search(r"年.*个月|年.*天", text) and e["type"] == "time_delta":
        return "compound duration"
    if re.fullmatch(r"(周|星期|礼拜)[一二三四五六日天]", text):
        return "weekday alone"
    if re.fullmatch(r"\d+月\d+", text) or re.fullmatch(r"[一二两俩三四五六七八九十]+日", text):
        return "count or name"
    if e["type"] == "time_delta":
        return "span of dates" if "~" in c["text"] else "clock time" if CLOCK.search(c["text"]) else None
    if not isinstance(e.get("time"), list):
        return "fuzzy"
    if not whole_days(e["time"]) or CLOCK.search(c["text"]):
        return "clock time"
    if not c.get("reference_time"):
        if not re.search(r"\d{4}|[〇零一二三四五六七八九]{4}", text):
            return "no reference"
    elif far_future(day(c["reference_time"]), day(e["time"][0]), text):
        return "future"
    if e["definition"] != "accurate":
        return "fuzzy"
    if re.search(r"[到至~—\-]|以来|以來", c["text"]) and e["type"] == "time_span":
        return "span of dates"
    return None


JIONLP_DELTA = {"year": "Y", "month": "M", "day": "D", "week": "W"}


def jionlp_time_parser(binary):
    for c, doc in cases_with_output(binary, "jionlp/time_parser.jsonl", "text", "reference_time"):
        e = c["expected"]
        if e["type"] == "time_delta":
            parts = e["time"] if isinstance(e["time"], dict) else {}
            want = ["P" + format(Decimal(str(v)).normalize(), "f") + JIONLP_DELTA.get(k, "?") for k, v in parts.items()]
            m = whole_text_value(doc, c["text"], {"duration"})
            got = [m["value"]["value"]] if m else None
            ok = got is not None and len(want) == 1 and same_duration(got[0], want[0])
            yield c["text"], jionlp_time_parser_scope(c), ok, want, got
            continue
        want = (day(e["time"][0]), day(e["time"][1])) if isinstance(e["time"], list) else e["time"]
        m = single_date(doc, c["text"])
        got = date_span(m) if m else None
        ok = same_days(m, got, want)
        yield c["text"], jionlp_time_parser_scope(c), ok, want, got


def jionlp_time_extractor(binary):
    """The spans of dates and durations, against JioNLP's extracted times."""
    for c, doc in cases_with_output(binary, "jionlp/time_extractor.jsonl", "text"):
        want = [tuple(e["offset"]) for e in c["expected"]]
        found = [m for m in doc["mentions"] if m["type"] in ("date", "duration")]
        ok = len(found) == len(want) and all(agrees(m, s, e) for m, (s, e) in zip(found, want))
        scope = None
        if any(CLOCK.search(e["text"]) and not re.search(r"月底|中旬|年末", e["text"]) for e in c["expected"]):
            scope = "clock time"
        elif re.search(r"\d{4} \d+号文", c["text"]):
            scope = "code"
        yield c["text"], scope, ok, want, [(m["start"], m["end"], m["text"]) for m in found]


def cn2date_scope(c):
    text = c["text"]
    if CLOCK.search(text):
        return "clock time"
    if re.match(r"\d{2}[-/年]", text):
        return "two-digit year"
    if re.match(r"^(前|后)\S*(年|年份|月|月份|周|星期|日|天|季度)$", text) or text.endswith("内"):
        return "span of dates"
    if re.fullmatch(r"\d(月|季度)[前后]", text) or re.fullmatch(r"\d+号", text):
        return "count or name"
    if re.search(r"季度|半年", text) and not re.search(r"\d{4}|[今去明本当这]|个季度[前后]|季度[前后]", text):
        return "latest completed"
    if re.search(r"[到至~]|-\d+月|年-", c["text"]) and not re.fullmatch(r"\d{4}-\d{1,2}(-\d{1,2})?", c["text"]):
        return "span of dates"
    return None


def cn2date(binary):
    for c, doc in cases_with_output(binary, "cn2date/cn2date.jsonl", "text", "reference_time"):
        e = c["expected"]
        want = (day(e["start"]), day(e["end"]))
        m = single_date(doc, c["text"])
        got = date_span(m) if m else None
        ok = same_days(m, got, want)
        yield c["text"], cn2date_scope(c), ok, want, got


# What Recognizers-Text's datetime inputs say that finfacts leaves out, in order.
RECOGNIZERS_DATETIME_TEXT = [
    (r"农历|正月|元年|雍正|神龙|乾隆|康熙", "era or lunar date"),
    (r"又|个半", "compound duration"),
    (r"的第.(周|个月)|第.个月", "ordinal week or month"),
    (r"\d+/\d+", "slash date"),
    (r"^(?!.*(\d{4}|[零〇一二三四五六七八九]{4})).*(\d{2}|[零〇一二三四五六七八九]{2}) ?年", "two-digit year"),
    (r"夏天|冬天|春天|秋天|下半周|上半周|最近|近期|世纪|年代|的前\d+天", "fuzzy"),
    (r"之间|和.{1,6}间", "span of dates"),
]


def recognizers_datetime_scope(c):
    reason = first_reason(c["input"], RECOGNIZERS_DATETIME_TEXT)
    if reason:
        return reason
    for e in c["expected"]:
        kind = e["type"].split(".")[-1]
        if kind in ("time", "timerange", "datetime", "datetimerange"):
            return "clock time"
        if kind == "set":
            return "recurring"
        timex = e["resolution"]["values"][0].get("timex", "")
        if timex.startswith("(") and kind == "daterange" and (
                re.search(r"[-到至~]", e["text"]) or re.match(r"(前|后|過去|过去|未来|最近|近)", e["text"])):
            return "span of dates"
        if kind == "duration" and re.match(r"(过去|過去)", e["text"]) is None and timex.startswith("("):
            return "span of dates"
        if CLOCK.search(e["text"]):
            return "clock time"
    return None


def same_duration(mine, theirs):
    """P6M and P0.5Y say the same; so do P4W and P28D."""
    def amount(value):
        match = re.fullmatch(r"P([0-9.]+)([YMWD])", value or "")
        if not match:
            return value
        return (Decimal(match[1]) * {"Y": 12, "M": 1, "W": 7, "D": 1}[match[2]], match[2] in "YM")
    return mine == theirs or amount(mine) == amount(theirs)


def open_ended(m, values):
    """Our day with mod before/since/after against their range open at one end."""
    mod, (start, end) = m["value"].get("mod"), date_span(m)
    for v in values:
        if mod == "before" and not v.get("start") and v.get("end") and start and v["end"] in (start, end):
            return True
        if mod in ("since", "after") and v.get("start") == start and not v.get("end"):
            return True
    return False


def recognizers_datetime(binary):
    for c, doc in cases_with_output(binary, "recognizers-text-zh/datetime.jsonl", "input", "reference_date"):
        found = [m for m in doc["mentions"] if m["type"] in ("date", "duration")]
        ok = len(found) == len(c["expected"])
        want, got = [], []
        for m, e in zip(found, c["expected"]):
            values = e["resolution"]["values"]
            if m["type"] == "duration":
                spans = [v.get("timex") for v in values]
                mine = m["value"]["value"]
                matched = any(same_duration(mine, t) for t in spans)
            else:
                spans = [(v.get("value") or v.get("start"), v.get("value") or (end_before(v["end"]) if v.get("end") else None))
                         for v in values]
                mine = date_span(m)
                matched = mine in spans or open_ended(m, values)
            want.append(spans)
            got.append(mine)
            # 自2018年以来: the peer counts 自 in; finfacts leaves it out (自…起 frames may span a clause).
            start = e["start"] + 1 if e["text"][0] in "自从" and m["start"] == e["start"] + 1 else e["start"]
            ok = ok and agrees(m, start, e["end"]) and matched
        yield c["input"], recognizers_datetime_scope(c), ok, want, got


# ---- Running -------------------------------------------------------------------------------

def load(name):
    return [json.loads(line) for line in open(HERE / name, encoding="utf-8") if line.strip()]


def cases_with_output(binary, name, field, ref_field=None):
    """Each case of file `name` with the document finfacts makes of its `field`, resolved against the
    date part of its `ref_field` when given."""
    cases = load(name)
    refs = [(c.get(ref_field) or "")[:10] or None for c in cases] if ref_field else None
    return zip(cases, run_finfacts(binary, [c[field] for c in cases], refs))


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
    "duckling-time": duckling_time,
    "duckling-duration": duckling_duration,
    "jionlp-time-parser": jionlp_time_parser,
    "jionlp-time-extractor": jionlp_time_extractor,
    "cn2date": cn2date,
    "recognizers-datetime": recognizers_datetime,
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
