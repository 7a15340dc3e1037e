"""Text analysis shared by indexing and querying: the same function turns a title and a buyer's query
into tokens, so whatever a buyer types meets the product in the same form.

- width and case: NFKC (full-width ８００ｇ → 800g) then casefold; accents dropped (Estée = estee);
- units: a number with its unit becomes one canonical token (800g = 800克 = 0.8kg → `800g`;
  ml = 毫升, 1L = 1000ml → `1000ml`; counts 120片 = 120 tablets → `120ct`);
- stages and sizes: 3段 = 三段 = stage 3 → `stage3`; a lone S/M/L/XL/NB (纸尿裤 M, M码) → `sizem`;
- English words: Snowball-stemmed (diapers = diaper), a few stopwords dropped;
- Chinese (and Japanese/Korean runs): jieba with a product dictionary (brands, lines, categories,
  synonyms). Documents are cut "for search" (every dictionary word inside a long word too); queries
  are cut precisely, so 雅诗兰黛面霜 → 雅诗兰黛 + 面霜.

Tokens contain only letters and digits (no spaces, quotes or operators), which both engines take as
literal lexemes.
"""

import functools
import logging
import re
import threading
import unicodedata
from decimal import Decimal, InvalidOperation

import jieba
import snowballstemmer

jieba.setLogLevel(logging.WARNING)

_STEMMER = snowballstemmer.stemmer("english")
STOPWORDS = frozenset("a an and the of for with in on to by or 的 和 与 及".split())

_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af"
_CJK_RUN = re.compile(f"[{_CJK}]+")
_MASS = {"kg": 1000, "千克": 1000, "公斤": 1000, "g": 1, "克": 1, "mg": Decimal("0.001"), "毫克": Decimal("0.001")}
_VOLUME = {"l": 1000, "升": 1000, "cl": 10, "ml": 1, "毫升": 1}
_LENGTH = {"cm": 10, "厘米": 10, "mm": 1, "毫米": 1}
_COUNT = {"片", "粒", "袋", "罐", "包", "tablet", "tablets", "tab", "tabs", "capsule", "capsules", "caps",
          "softgel", "softgels", "pcs", "pieces"}
_UNIT_WORDS = sorted([*_MASS, *_VOLUME, *_LENGTH, *_COUNT, "iu"], key=len, reverse=True)
_CN_DIGITS = {"一": "1", "二": "2", "两": "2", "三": "3", "四": "4", "五": "5"}
_SIZES = ("nb", "xs", "s", "m", "l", "xl", "xxl", "xxxl")

_TOKEN = re.compile(
    r"(?P<unit>(?<![a-z0-9.])(?P<num>\d+(?:\.\d+)?)\s*(?P<u>" + "|".join(map(re.escape, _UNIT_WORDS)) + r")(?![a-z]))"
    r"|(?P<stage>(?:stage|step)\s*(?P<sn>\d|pre)(?![0-9])|(?P<sc>\d|pre|[一二两三四五])\s*(?:阶段|段))"
    r"|(?P<size>(?<![a-z0-9])(?:size\s*)?(?P<sz>" + "|".join(_SIZES) + r")(?:号|码)?(?![a-z0-9]))"
    rf"|(?P<cjk>[{_CJK}]+)"
    r"|(?P<word>[a-z0-9]+)"
)


def normalise(text: str) -> str:
    """Half-width, case-folded, accent-free text; apostrophes inside words go (Kiehl's = kiehls)."""
    text = unicodedata.normalize("NFKC", text or "").casefold()
    text = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
    text = unicodedata.normalize("NFC", text)
    text = re.sub(r"(?<=\w)['’](?=\w)", "", text)
    return text.replace("×", " x ").replace("*", " x ")


def _number(value: Decimal) -> str:
    text = format(value.normalize(), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def unit_token(number: str, unit: str) -> str:
    """The one spelling of a quantity: grams (or mg below a whole gram), ml, mm, counts (`ct`)."""
    try:
        n = Decimal(number)
    except InvalidOperation:
        return number
    if unit in _MASS:
        grams = n * _MASS[unit]
        return f"{_number(grams)}g" if grams == grams.to_integral() and grams >= 1 else f"{_number(grams * 1000)}mg"
    if unit in _VOLUME:
        ml = n * _VOLUME[unit]
        return f"{_number(ml)}ml" if ml == ml.to_integral() else f"{_number(ml * 1000)}ul"
    if unit in _LENGTH:
        return f"{_number(n * _LENGTH[unit])}mm"
    if unit == "iu":
        return f"{_number(n)}iu"
    return f"{_number(n)}ct"


@functools.lru_cache(maxsize=1 << 16)  # Snowball in pure Python costs ~0.2 ms a word; a catalog has few words
def stem(word: str) -> str:
    return word if word.isdigit() else _STEMMER.stemWord(word)


_BASE: list = []


def _base_jieba() -> jieba.Tokenizer:
    """jieba's main dictionary, loaded once per process; each Segmenter copies it (milliseconds)."""
    if not _BASE:
        base = jieba.Tokenizer()
        base.initialize()
        _BASE.append(base)
    return _BASE[0]


class Segmenter:
    """jieba with the product dictionary added; one per dictionary (jieba's own global one, used by
    consolidation, is left alone)."""

    def __init__(self, words=()):
        self.words = frozenset(w for w in words if _CJK_RUN.fullmatch(w))
        self._jieba = jieba.Tokenizer()
        self._lock = threading.Lock()
        self._ready = False

    def _init(self):
        with self._lock:
            if not self._ready:
                base = _base_jieba()
                self._jieba.FREQ, self._jieba.total = dict(base.FREQ), base.total
                self._jieba.initialized = True
                for word in self.words:
                    self._jieba.add_word(word, freq=max(20000, 4000 * len(word)))
                self._ready = True

    def for_query(self, run: str) -> list[str]:
        self._ready or self._init()
        return [w for w in self._jieba.cut(run, HMM=True) if w.strip()]

    def for_document(self, run: str) -> list[str]:
        """Every word jieba finds, the words inside it, and each product word the run contains."""
        self._ready or self._init()
        out = [w for w in self._jieba.cut_for_search(run, HMM=True) if w.strip()]
        for size in range(2, min(len(run), 8) + 1):
            for i in range(len(run) - size + 1):
                if run[i:i + size] in self.words:
                    out.append(run[i:i + size])
        return out


_PLAIN = Segmenter()


def _merge_singles(words: list[str], known) -> list[str]:
    """Characters jieba left alone are one unknown word to a query (爱/她/美 → 爱她美, a homophone typo)."""
    out, run = [], ""
    for w in words:
        if len(w) == 1 and w not in known:
            run += w
            continue
        if run:
            out.append(run)
            run = ""
        out.append(w)
    return out + [run] if run else out


def tokens(text: str, segmenter: Segmenter | None = None, document: bool = False) -> list[str]:
    """The tokens of `text` in order (a document adds inner words; duplicates are kept for queries)."""
    seg = segmenter or _PLAIN
    out: list[str] = []
    for m in _TOKEN.finditer(normalise(text)):
        if m.group("unit"):
            out.append(unit_token(m.group("num"), m.group("u")))
        elif m.group("stage"):
            n = m.group("sn") or m.group("sc")
            out.append("stage" + _CN_DIGITS.get(n, n))
        elif m.group("size"):
            out.append("size" + m.group("sz"))
        elif m.group("cjk"):
            run = m.group("cjk")
            words = seg.for_document(run) if document else _merge_singles(seg.for_query(run), seg.words)
            out.extend(w for w in words if w not in STOPWORDS and (len(w) > 1 or w in seg.words or len(run) == 1))
        else:
            word = m.group("word")
            if word not in STOPWORDS:
                out.append(stem(word))
    return out


def document_tokens(text: str, segmenter: Segmenter | None = None) -> list[str]:
    """Distinct tokens of a document field, in first-seen order."""
    return list(dict.fromkeys(tokens(text, segmenter, document=True)))


BIGRAM = "cjk2"


def bigrams(text: str) -> list[str]:
    """Overlapping character pairs of the Chinese (Japanese, Korean) runs, marked so that they never
    meet a real word: the last resort for a word jieba and the dictionary do not know (爱他美 in a
    catalog that has not told us it is a brand → cjk2爱他 + cjk2他美)."""
    out = []
    for run in _CJK_RUN.findall(normalise(text)):
        out.extend(BIGRAM + run[i:i + 2] for i in range(len(run) - 1))
    return out


def is_cjk(token: str) -> bool:
    return bool(_CJK_RUN.fullmatch(token))


def trigrams(word: str) -> set[str]:
    """pg_trgm's trigrams of one word (two spaces before, one after), so the SQLite path ranks typo
    candidates as PostgreSQL's similarity() does."""
    padded = f"  {word} "
    return {padded[i:i + 3] for i in range(len(padded) - 2)}


def similarity(a: str, b: str) -> float:
    ta, tb = trigrams(a), trigrams(b)
    return len(ta & tb) / len(ta | tb) if ta and tb else 0.0
