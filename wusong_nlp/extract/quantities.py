"""Every numeric expression of a plan as a `Quantity` (issue 3).

Spans are found first, on the text as written (Arabic, full-width, Chinese and mixed
numerals, percentages, ranges, hedges, units); values are computed from the spans
afterwards, so offsets always index the analysed text. Heading markers and numerals
inside ordinary words (统一, 进一步, 一批) are skipped. The kind of each quantity is
decided by `kinds.classify` (rules plus a small shipped classifier).
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_left, bisect_right

from ..numerals import clean_value, is_canonical_chinese, parse_number
from ..outline import Structure
from ..records import Quantity
from ..resources import alternation, data_lines, rows, words
from .formulations import find_formulations, find_repeated
from .grids import grid_index_spans
from .kinds import KindModel, classify, resolve_model


@functools.lru_cache(maxsize=1)
def units() -> dict[str, str]:
    """Written unit → recorded unit (units.txt)."""
    out: dict[str, str] = {}
    for line in data_lines("units.txt"):
        form, _, canon = line.partition("\t")
        out[form.strip()] = (canon or form).strip()
    return out


@functools.lru_cache(maxsize=1)
def not_numbers() -> list[str]:
    """Ordinary words containing numeral characters (not_numbers.txt)."""
    return [w.strip() for w in data_lines("not_numbers.txt")]


_DIG = "0-9０-９"
_CN = "零〇一二两三四五六七八九十百千万亿"
_ARABIC = rf"[{_DIG}]+(?:,[{_DIG}]{{3}})*(?:[.．][{_DIG}]+)?"
_MAG = "(?:万亿|亿|万|千)"
_NUM_C = rf"[{_CN}]+(?:[多余][{_CN}]?)?|半"

@functools.cache
def hedges() -> dict[str, dict[str, str]]:
    """where (pre, post, before) -> hedge word -> qualifier (data/hedges.tsv)."""
    out: dict[str, dict[str, str]] = {"pre": {}, "post": {}, "before": {}}
    for word, where, qualifier in (r[:3] for r in rows("hedges.tsv")):
        out[where.strip()][word.strip()] = qualifier.strip()
    return out


_DASH = "[-—－–~～]|至|到"


@functools.lru_cache(maxsize=1)
def _pattern() -> re.Pattern[str]:
    unit = alternation(units())
    # 千 is a magnitude (3千亩) except where it opens a unit (1000千瓦, 750千伏, 50千米)
    after_qian = alternation([u[1:] for u in units() if u.startswith("千") and len(u) > 1])
    mag = _MAG.replace("|千)", f"|千(?!{after_qian}))") if after_qian else _MAG
    unit_full = rf"(?:{unit})(?:/(?:{unit}|[0-9]+万?(?:{unit})))?(?:（(?:{unit})）)?"
    num = rf"(?:{_ARABIC}(?:[多余])?{mag}?(?:[多余])?|{_NUM_C})"
    pre, post = alternation(hedges()["pre"]), alternation(hedges()["post"])
    first = "".join(sorted({w[0] for w in hedges()["pre"]} | set("第百半") | set(_CN)))
    return re.compile(
        rf"(?=[{_DIG}{first}])(?P<pre>{pre})?"
        rf"(?P<ord>第)?(?P<pct>百分之)?"
        rf"(?P<n1>{num})(?:(?P<u1>{unit_full}|[%％])?(?P<dash>{_DASH})(?P<n2>{num}))?"
        rf"(?P<pct2>[%％])?(?P<unit>{unit_full})?"
        rf"(?P<post>{post})?"
    )


# 2021年6月, 6月30日: written with its first digit in front of the alternatives (the same
# matches as `(?:D{4}年)?D{1,2}月(?:D{1,2}日)?|D{4}年D{1,2}月`), so the regex engine skips to
# digits instead of trying the pattern at every character
_DATE = re.compile(rf"[{_DIG}](?:[{_DIG}]{{3}}年[{_DIG}]{{1,2}}月(?:[{_DIG}]{{1,2}}日)?"
                   rf"|[{_DIG}]?月(?:[{_DIG}]{{1,2}}日)?|[{_DIG}]{{3}}年[{_DIG}]{{1,2}}月)")
# 二十届三中全会, 三中全会: the numeral comes first (and the 届 or 、 before it is looked
# behind from the 中), so the regex engine skips to numerals instead of trying both
# alternatives at every character
_PLENUM = re.compile(r"([一二三四五六七八九])(?:(?<=[届、].)中(?:全会)?|中全会)")
# a lookahead for the first character of either alternative, for the same reason
_FRACTION = re.compile(
    rf"(?=[{_CN}{_DIG}])(?:(?P<den>[{_CN}]+)分之(?P<num>[{_CN}]+)(?P<post>以上|以下|左右)?"
    rf"|(?P<n>[{_DIG}]+)/(?P<d>[{_DIG}]+)(?![{_DIG}]*(?:年|月))(?P<post2>以上|以下|左右)?)")
_DATE_YEAR = re.compile(rf"([{_DIG}]{{4}})年")
_HALF_UNITS = {"年", "个月", "小时", "天", "日", "成"}
_SHI_MARK = re.compile(rf"[{_CN}]{{1,3}}是")
_SPECIAL = re.compile(r"(?=[两千万百亿零清负])"
                      r"(?:两位数|[千万百]亿级|[千百]万级|万亿级|亿级|[零]增长|清零|零增长|负增长)")


@functools.lru_cache(maxsize=1)
def _stop_re() -> re.Pattern[str]:
    return re.compile(alternation(not_numbers()))


def _blocked(text: str) -> bytearray:
    """Per character: 1 where an ordinary word with numerals covers it."""
    mask = bytearray(len(text))
    for m in _stop_re().finditer(text):
        mask[m.start():m.end()] = b"\x01" * (m.end() - m.start())
    for m in _STAMP.finditer(text):  # 发布日期:2021-04-20 14:54, 二○○七年: a page's stamp, a year
        mask[m.start():m.end()] = b"\x01" * (m.end() - m.start())
    return mask


# a date written with dashes and perhaps a time (a web page's 发布日期), a year in Chinese
# numerals written with ○/〇 (二○○七年: the year 2007, not 七年), a page's counter (浏览次数:59)
_STAMP = re.compile(r"(?<![0-9])(?:19|20)[0-9]{2}-[0-9]{1,2}-[0-9]{1,2}(?:\s+[0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?)?"
                    r"|[一二三四五六七八九○〇零]{3}[一二三四五六七八九○〇零](?=年)"
                    r"|(?<=浏览次数[:：])\s*[0-9]+|(?<=(?:阅读|点击|浏览)量[:：])\s*[0-9]+")


def _marker_spans(text: str, structure: Structure) -> list[tuple[int, int]]:
    """Heading markers and table row numbers (序号 cells): numerals that are no quantity."""
    spans = [(n.start, n.heading_start) for n in structure.nodes() if n.heading_start > n.start]
    spans += [(c.start, c.end) for t in structure.tables for r in t.rows for c in r.of("index")]
    spans += grid_index_spans(text)  # 序号 cells of numeric grids
    return sorted(spans)


def _in_spans(spans: list[tuple[int, int]], starts: list[int], s: int, e: int) -> bool:
    i = bisect_right(starts, e) - 1
    while i >= 0:
        a, b = spans[i]
        if b <= s and a < s - 200:
            return False
        if a < e and s < b:
            return True
        i -= 1
    return False


def _qualifier(pre: str | None, post: str | None, before: str, dash: bool) -> str:
    """The qualifier of a quantity: a range, else its hedge (data/hedges.tsv)."""
    if dash:
        return "range"
    table = hedges()
    if pre or post:  # most numbers have neither
        found = (table["post"].get(post or ""), table["pre"].get(pre or ""))
        for q in ("approx", "at_least", "at_most"):  # a hedge of closeness wins over a bound
            if q in found:
                return q
    if before.endswith(_before_hedges()):  # most numbers follow no hedge: one test
        for word, q in table["before"].items():
            if before.endswith(word):
                return q
    return "exact"


@functools.cache
def _before_hedges() -> tuple[str, ...]:
    """The hedge words written before a number, for one `endswith` test of them all."""
    return tuple(hedges()["before"])


def _unit(u: str | None) -> str | None:
    if not u:
        return None
    table = units()
    return table.get(u, u)


_HAS_DIGIT = re.compile(f"[{_DIG}]")


def _chinese_only(raw: str) -> bool:
    return not _HAS_DIGIT.search(raw)


def _make(text: str, s: int, e: int, **kw) -> Quantity:
    return Quantity(start=s, end=e, text=text[s:e], **kw)


def _special(text: str, m: re.Match[str]) -> Quantity:
    w = m.group()
    s, e = m.span()
    if w == "两位数":
        return _make(text, s, e, value=10, unit="%", qualifier="at_least")
    if w.endswith("级"):
        return _make(text, s, e, value=clean_value(parse_number(w[:-1])), unit="元",
                     qualifier="at_least")
    if w in ("清零", "零增长"):
        s2 = s + w.index("零")
        return _make(text, s2, s2 + 1, value=0, unit=None, qualifier="exact")
    return _make(text, s, s + 1, value=None, unit=None, qualifier="exact")  # 负增长


def _fraction(text: str, m: re.Match[str]) -> Quantity:
    """三分之二 → 2/3, 1/3以上 → 1/3 at least."""
    if m.group("den") == "百":
        return _make(text, m.start(), m.end(), value=clean_value(parse_number(m.group("num"))),
                     unit="%", qualifier=_qualifier(None, m.group("post"), "", False))
    if m.group("den"):
        num, den, post = parse_number(m.group("num")), parse_number(m.group("den")), m.group("post")
    else:
        num, den, post = parse_number(m.group("n")), parse_number(m.group("d")), m.group("post2")
    value = clean_value(num / den) if num is not None and den else None
    return _make(text, m.start(), m.end(), value=value, unit=None,
                 qualifier=_qualifier(None, post, "", False))


def find_spans(text: str, structure: Structure) -> list[Quantity]:
    """All numeric expressions with value, unit and qualifier (kinds not yet set)."""

    blocked = _blocked(text)
    markers = _marker_spans(text, structure)
    marker_starts = [a for a, _ in markers]
    taken = bytearray(len(text))
    out: list[Quantity] = []

    def free(s: int, e: int) -> bool:
        return taken.find(1, s, e) < 0  # no taken character in [s, e), looked for in C

    def take(q: Quantity) -> None:
        taken[q.start:q.end] = b"\x01" * (q.end - q.start)
        out.append(q)

    quoted = find_formulations(text)
    for q in quoted:
        if not _in_spans(markers, marker_starts, q.start, q.end):
            take(q)
    # every fraction holds 分之 or /: a text with neither needs no scan
    fractions = _FRACTION.finditer(text) if "分之" in text or "/" in text else ()
    for m in fractions:
        if free(*m.span()) and not blocked[m.start()]:
            take(_fraction(text, m))
    for m in _PLENUM.finditer(text):
        if free(*m.span()):
            take(_make(text, m.start(), m.end(), value=clean_value(parse_number(m.group(1))),
                       unit=None, qualifier="exact"))
    for q in find_repeated(text, quoted):
        if free(q.start, q.end) and not blocked[q.start] and not _in_spans(markers, marker_starts, q.start, q.end):
            take(q)
    for m in _SPECIAL.finditer(text):
        if free(*m.span()) and not blocked[m.start()]:
            q = _special(text, m)
            if q.value is not None:
                take(q)
    for m in _DATE.finditer(text):
        if free(*m.span()):
            year = _DATE_YEAR.match(m.group())
            take(_make(text, m.start(), m.end(),
                       value=clean_value(parse_number(year.group(1))) if year else None,
                       unit="年" if year else "月", qualifier="exact"))
    rx = _pattern()
    pos = 0
    n = len(text)
    while pos < n:
        m = rx.search(text, pos)
        if not m:
            break
        pos = max(m.end(), m.start() + 1)
        q = _from_match(text, m, blocked)
        if q is None or not free(q.start, q.end):
            if q is not None and taken[q.start]:
                pos = m.start() + 1
            continue
        if _in_spans(markers, marker_starts, q.start, q.end):
            continue
        take(q)
    out.sort(key=lambda q: (q.start, q.end))
    return add_frequencies(text, out)


def _from_match(text: str, m: re.Match[str], blocked: bytearray) -> Quantity | None:
    s_num = m.start("n1")
    if blocked[s_num]:  # inside an ordinary word with numerals (n1 is never empty)
        return None
    # the groups in one call: the main pattern matches at nearly every numeral
    n1, u, u1, pct_pre, pct_post, ordinal, n2, post, pre = m.group(
        "n1", "unit", "u1", "pct", "pct2", "ord", "n2", "post", "pre")
    cn = _chinese_only(n1)
    unit_raw = u or u1
    pct = pct_pre or pct_post
    if cn:
        if n1 in ("半", "零") and not unit_raw:
            return None
        if n1 == "半" and unit_raw not in _HALF_UNITS:
            return None
        if not (unit_raw or pct or ordinal):
            return None
        if not is_canonical_chinese(n1.rstrip("多余")) and n1 not in ("半",) and not ordinal:
            return None
        if _SHI_MARK.match(text, s_num) and text[s_num:m.end()].endswith("是"):
            return None
        if n1 == "一" and unit_raw in ("是", None) and not ordinal:
            return None
    start, end = m.span()
    if not unit_raw and not pct and text[start - 1:start] in "[［" and text[end:end + 1] in "]］":
        return None  # “六乱” [1]整治: a footnote's marker
    if (not unit_raw and not pct and not pre and len(n1) <= 2 and n1.isdigit()
            and _LIST_MARK.match(text, end) and (start == 0 or text[start - 1] in " \t\u3000。；;\n")):
        return None  # 激发高质量发展动力活力。 1.构建现代产业体系: a list marker in the line
    marked = _MARKED_YEAR.fullmatch(n1) if unit_raw == "年" and not pre and not n2 else None
    if marked:  # 附件：1.2025年县《政府工作报告》任务清单: a list marker before a year
        start, n1 = m.start("n1") + marked.start(1), marked.group(1)
    if n2 and cn != _chinese_only(n2):
        return None  # 3至五: not one range; rematch shorter
    v1 = parse_number(n1)
    if v1 is None:
        return None
    if pct:
        unit = "%"
    else:
        unit = _unit(unit_raw)
    if unit == "百分点":
        unit = "个百分点"
    if post == "内" and unit not in ("小时", "天", "日", "工作日", "年", "个月", "周", "分钟", "秒",
                                      "米", "公里"):
        end = m.end("post")
        end -= 1
        post = None
    if post in ("多", "余") and not cn and not unit:
        end = m.end("post") - len(post)
        post = None
    if pre and pre == "超" and text[start:start + 2] == "超过":
        pre = "超过"
    if pre and _ends_word(text, start, pre):
        start += len(pre)  # 签约亿元以上: 约 ends the verb, it hedges nothing
        pre = None
    if post and text.startswith(_hedge_words("post"), end - len(post)):
        end -= len(post)  # 四级上下贯通: 上下贯通 is a verb
        post = None
    qualifier = _qualifier(pre, post, text[max(0, start - 4):start], bool(n2))
    if ("多" in n1 or "余" in n1) and qualifier == "exact":
        qualifier = "at_least"
    value = clean_value(v1)
    if (unit in ("%", "个百分点") and not pre and not n2 and start > 0
            and text[start - 1] in "-－−" and not _SIGN_AFTER.match(text, max(0, start - 2))):
        start, value = start - 1, -value  # 同比分别-6.2%、-19.3%: a fall written with a sign
    low = high = None
    if n2:
        v2 = parse_number(n2)
        if v2 is None:
            return None
        low, high = value, clean_value(v2)
        value = None
        if u1 and not u and u1 not in "%％":  # 8.2%—8.5%: the % of each end
            unit = _unit(u1)
    return Quantity(start=start, end=end, text=text[start:end], value=value, unit=unit,
                    qualifier=qualifier, low=low, high=high)


_LIST_MARK = re.compile(r"[.．、](?=[\u4e00-\u9fff])")
_MARKED_YEAR = re.compile(r"[0-9]{1,2}[.．]((?:19|20)[0-9]{2})")
_SIGN_AFTER = re.compile(r"[0-9０-９A-Za-z）)%％]")  # 3-5, A-1, 5%-: a dash, no sign


@functools.cache
def _hedge_words(flag: str) -> tuple[str, ...]:
    """Words holding a hedge that hedge nothing (data/hedge_words.txt)."""
    return words("hedge_words.txt", flag)


def _ends_word(text: str, start: int, pre: str) -> bool:
    """Whether the hedge `pre` at `start` is the end of a word (签约) rather than a hedge."""
    return any(w.endswith(pre) and text.startswith(w, start + len(pre) - len(w))
               for w in _hedge_words("pre"))


@functools.cache
def frequencies() -> dict[str, str]:
    """Period after 每 -> frequency name (data/frequencies.tsv)."""
    return {r[0].strip(): r[1].strip() for r in rows("frequencies.tsv")}


@functools.cache
def _frequency_re() -> re.Pattern[str]:
    return re.compile(rf"每(?P<period>{alternation(frequencies())})")


@functools.cache
def _duty_after_period_re() -> re.Pattern[str]:
    """A duty verb after the period, past an adverb of routine (每月定期汇总报送)."""
    return re.compile(rf"(?:{alternation(words('frequency_adverbs.txt'))})?"
                      rf"(?:{alternation(words('duty_verbs.txt'))})")


@functools.cache
def _one_per_period_re() -> re.Pattern[str]:
    """每日一报, 每周一评: the period, 一 and a one-character duty verb make one duty."""
    return re.compile(rf"(?:每|(?<![第一二三四五六七八九十两0-9])一)(?P<period>{alternation(frequencies())})一"
                      rf"(?:{alternation(words('frequency_short_verbs.txt'))})")


@functools.cache
def _once_re() -> re.Pattern[str]:
    return re.compile(rf"(?:{alternation(words('once_verbs.txt'))})(?P<n>一次)(?!性)")


_FREQ_REACH = 10  # characters between 每月 and the count it governs (每月开展不少于一次)


def add_frequencies(text: str, quantities: list[Quantity]) -> list[Quantity]:
    """Frequencies of duties (ANNOTATION.md §5): 每半年1次 and 每月开展不少于一次 give their
    count a frequency; 每半月上门督促 (a period, then a duty verb, no count) is itself a
    quantity of 1 次; 进行一次全面排摸 is 1 次 once. `quantities` are sorted by start (as
    `find_spans` has them); returns them with the new ones, sorted."""
    starts = [q.start for q in quantities]
    out = list(quantities)

    def covered(s: int, e: int) -> bool:
        i = bisect_right(starts, e) - 1
        return any(quantities[k].start < e and s < quantities[k].end
                   for k in range(max(0, i - 2), min(len(quantities), i + 2)))

    for m in _frequency_re().finditer(text):
        freq = frequencies()[m.group("period")]
        if text[m.start() - 1:m.start()] in "，。；：\n" and text[m.end():m.end() + 1] in "\n，。；":
            continue  # 每季度 alone in a deadline cell: a deadline, not a count
        stop = m.end()
        while stop < min(len(text), m.end() + _FREQ_REACH) and text[stop] not in "，,。；;：:\n":
            stop += 1
        # the quantities are sorted by start: those in [m.end(), stop) by two bisections
        counted = [q for q in quantities[bisect_left(starts, m.end()):bisect_left(starts, stop)]
                   if q.unit == "次"]
        if counted:
            counted[0].frequency = counted[0].frequency or freq
            continue
        if covered(m.start(), m.end()):
            continue  # 每月202元, 每10万人: a rate or a denominator, not a duty
        if _duty_after_period_re().match(text, m.end()):
            out.append(_make(text, m.start(), m.end(), value=1, unit="次", qualifier="exact",
                             frequency=freq))
    for m in _one_per_period_re().finditer(text):
        if text[m.start()] == "一":  # 一天一督查: the period's 一天 is part of the duty, no span of its own
            if any(q.start < m.end() and m.start() < q.end and not (m.start() <= q.start and
                                                                     q.end <= m.end()) for q in out):
                continue
            out = [q for q in out if not (m.start() <= q.start and q.end <= m.end())]
        elif covered(m.start(), m.end()):
            continue
        out.append(_make(text, m.start(), m.end(), value=1, unit="次", qualifier="exact",
                         frequency=frequencies()[m.group("period")]))
    for m in _once_re().finditer(text):
        at = m.start("n")
        for q in quantities[bisect_left(starts, at):bisect_right(starts, at)]:
            if q.unit == "次" and q.frequency is None:
                q.frequency = "once"
    out.sort(key=lambda q: (q.start, q.end))
    return out


def find_quantities(text: str, structure: Structure, *,
                    kind_model: KindModel | dict | str | None = "default") -> list[Quantity]:
    """Every numeric expression of `text`, with kind, outline node and sentence.

    Ids are q1, q2, … in document order. The kind comes from `kinds.classify` with
    `kind_model` ("default": the shipped model; None: rules and fallback only).
    """
    quantities = find_spans(text, structure)
    for i, q in enumerate(quantities, 1):
        q.id = f"q{i}"
        node = structure.node_at(q.start)
        q.node = node.id if node else None
        sent = structure.sentence_at(q.start)
        q.sentence = sent.id if sent else None
    classify(text, structure, quantities, resolve_model(kind_model))
    return quantities
