"""Normalise product titles, brands, specs, GTINs, phones and amounts so two platforms can be compared.

Pure: no Django, no I/O except reading the package's data files once (``data/*.csv``, ``*.txt``).

Pipeline for a title (``Normaliser.product``):

1. fold: NFKC (full-width → half-width), lowercase, strip Latin accents (Estée → estee);
2. specs: content (800g = 0.8kg = 800克 → 800 g), pack (50ml*2, 2x50ml, 3罐装), stage (3段, 一段,
   stage 3, 3阶段, pre), size (NB/S/M/L/XL, 大号), shade (色号 #01, 01号) are read and cut out;
   the ``spec`` field, when given, wins over what the title says;
3. brand: the ``brand`` field (or, without one, the first alias found in the title) is resolved
   through the alias table to a ``brand_key``; the brand's aliases are cut out of the title;
4. marketing: bracketed segments holding a marketing word (【保税直发】 [官方正品] (包邮)) are dropped
   whole, other brackets are unwrapped; marketing words are removed;
5. terms: known product words in either language become one canonical token (奶粉 / milk powder →
   formula); colour words become the ``variant`` when no shade was given;
6. tokens: Latin runs are split on non-alphanumerics, Chinese runs are segmented with jieba (loaded
   lazily and quietly, once); stopwords are dropped.

The data files are plain CSV/text so an operator can extend them; ``merge_aliases`` adds operator
brand aliases on top of the shipped table.
"""

from __future__ import annotations

import csv
import functools
import logging
import re
import threading
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from importlib import resources
from pathlib import Path
from typing import Any

from haitao.rules.identity import normalise_mobile

DATA = "data"

# --- small value normalisers -------------------------------------------------------------------


def fold(text: str) -> str:
    """NFKC + lowercase + Latin accents removed. Full-width ＡＢＣ１２３ → abc123."""
    text = unicodedata.normalize("NFKC", text).lower()
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", stripped)


def gtin_check_digit(body: str) -> int:
    """GS1 check digit for the digits before it (weights 3,1,3,... from the right)."""
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(body)))
    return (10 - total % 10) % 10


def normalise_gtin(value: Any) -> str | None:
    """EAN-8, UPC-A, EAN-13 or GTIN-14 → the 14-digit GTIN; None when malformed or the check digit is wrong."""
    if value is None:
        return None
    code = re.sub(r"[\s-]", "", fold(str(value)))
    if not code.isdigit() or len(code) not in (8, 12, 13, 14):
        return None
    if int(code) == 0 or gtin_check_digit(code[:-1]) != int(code[-1]):
        return None
    return code.zfill(14)


# One reading of phone numbers for checkout and import alike (rules.identity).
normalise_phone = normalise_mobile


def normalise_amount(value: Any, places: str = "0.01") -> Decimal | None:
    """'¥1,299.00', '１２９９', 1299 → Decimal('1299.00'); rounded half-up to ``places``; None if unreadable.

    Floats are refused: money never passes through binary floating point.
    """
    if value is None or isinstance(value, (bool, float)):
        return None
    if isinstance(value, (int, Decimal)):
        amount = Decimal(value)
    else:
        text = fold(str(value)).strip()
        text = re.sub(r"^(?:cny|rmb|¥|￥|元)\s*|\s*(?:元|cny|rmb)$", "", text)
        text = text.replace(",", "").replace(" ", "")
        if not re.fullmatch(r"-?\d+(?:\.\d+)?", text):
            return None
        try:
            amount = Decimal(text)
        except InvalidOperation:  # pragma: no cover
            return None
    if not amount.is_finite():
        return None
    return amount.quantize(Decimal(places), rounding=ROUND_HALF_UP)


def clean_decimal(value: Decimal) -> Decimal:
    """800.000 → 800, 0.50 → 0.5 (no exponent form), so equal sizes print and hash alike."""
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value.normalize()


def slug(text: str) -> str:
    return re.sub(r"[^0-9a-z\u3400-\u9fff]+", "-", fold(text)).strip("-")


# --- data files --------------------------------------------------------------------------------


def _data_text(name: str) -> str:
    return resources.files(__package__).joinpath(DATA, name).read_text(encoding="utf-8")


def _read_pairs(text: str) -> list[tuple[str, str]]:
    rows = csv.reader(line for line in text.splitlines() if line.strip() and not line.startswith("#"))
    header = next(rows, None)
    pairs = []
    for row in rows:
        if len(row) >= 2 and row[0].strip() and row[1].strip():
            pairs.append((row[0].strip(), row[1].strip()))
    if header and len(header) >= 2 and header[0].strip() not in ("brand_key", "canonical"):
        pairs.insert(0, (header[0].strip(), header[1].strip()))
    return pairs


def _read_words(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]


def _alternation(words: Iterable[str]) -> str:
    """One regex alternative per word, longest first; Latin words only match as whole words."""
    parts = []
    for word in sorted(set(words), key=lambda w: (-len(w), w)):
        escaped = re.escape(word)
        if word[:1].isascii() and word[:1].isalnum():
            escaped = r"(?<![0-9a-z_\-])" + escaped
        if word[-1:].isascii() and word[-1:].isalnum():
            escaped += r"(?![0-9a-z_\-])"
        parts.append(escaped)
    return "|".join(parts) or r"(?!x)x"


class BrandAliases:
    """Brand names across languages → one brand key (爱他美 = Aptamil = 'aptamil')."""

    def __init__(self, pairs: Iterable[tuple[str, str]] = ()):
        self._alias_to_key: dict[str, str] = {}
        self._key_aliases: dict[str, set[str]] = {}
        for key, alias in pairs:
            self._add(key, alias)
        self._pattern: re.Pattern[str] | None = None
        self._key_patterns: dict[str, re.Pattern[str]] = {}

    def _add(self, key: str, alias: str) -> None:
        key = slug(key)
        folded = fold(alias).strip()
        if not key or not folded:
            return
        previous = self._alias_to_key.get(folded)
        if previous and previous != key:
            self._key_aliases[previous].discard(folded)
        self._alias_to_key[folded] = key
        self._key_aliases.setdefault(key, set()).update({folded, fold(key)})
        self._alias_to_key.setdefault(fold(key), key)

    @classmethod
    def from_csv(cls, path_or_text: str | Path) -> BrandAliases:
        text = Path(path_or_text).read_text(encoding="utf-8") if Path(str(path_or_text)).is_file() else str(path_or_text)
        return cls(_read_pairs(text))

    def merged(self, extra: Mapping[str, Iterable[str]] | Iterable[tuple[str, str]]) -> BrandAliases:
        """A new table with operator aliases added; an operator alias overrides a shipped one."""
        pairs = [(key, alias) for key, aliases in self._key_aliases.items() for alias in aliases]
        if isinstance(extra, Mapping):
            added = [(key, alias) for key, aliases in extra.items() for alias in ([aliases] if isinstance(aliases, str) else aliases)]
        else:
            added = list(extra)
        return BrandAliases(pairs + added)

    def __len__(self) -> int:
        return len(self._key_aliases)

    def keys(self) -> set[str]:
        return set(self._key_aliases)

    def aliases(self, key: str) -> set[str]:
        return set(self._key_aliases.get(key, ()))

    @property
    def pattern(self) -> re.Pattern[str]:
        if self._pattern is None:
            self._pattern = re.compile(_alternation(self._alias_to_key))
        return self._pattern

    def key_pattern(self, key: str) -> re.Pattern[str]:
        pattern = self._key_patterns.get(key)
        if pattern is None:
            pattern = self._key_patterns[key] = re.compile(_alternation(self._key_aliases.get(key, {key})))
        return pattern

    def lookup(self, folded: str) -> str | None:
        return self._alias_to_key.get(folded.strip())

    def resolve(self, brand: str | None) -> str | None:
        """The key of a brand as a source spelled it ('爱他美(Aptamil)', 'Estée Lauder/雅诗兰黛').

        An unknown brand keeps a key of its own (its slug), so it still blocks with itself.
        """
        if not brand or not brand.strip():
            return None
        folded = fold(brand).strip()
        key = self.lookup(folded)
        if key:
            return key
        for part in re.split(r"[/()（）|·,，、\[\]【】]+", folded):
            key = self.lookup(part)
            if key:
                return key
        found = self.find(folded)
        return found or slug(folded) or None

    def find(self, folded_text: str) -> str | None:
        """The first brand alias that occurs in an already folded text."""
        match = self.pattern.search(folded_text)
        return self._alias_to_key[match.group(0)] if match else None


@functools.lru_cache(maxsize=1)
def default_aliases() -> BrandAliases:
    return BrandAliases(_read_pairs(_data_text("brand_aliases.csv")))


def merge_aliases(extra: Mapping[str, Iterable[str]] | Iterable[tuple[str, str]] | str | Path,
                  base: BrandAliases | None = None) -> BrandAliases:
    """The shipped alias table (or ``base``) plus operator aliases: a mapping key → aliases, pairs, or a CSV file."""
    base = base or default_aliases()
    if isinstance(extra, (str, Path)):
        extra = BrandAliases.from_csv(extra)._key_aliases
    return base.merged(extra)


# --- jieba, lazily and quietly -----------------------------------------------------------------

_jieba_lock = threading.Lock()
_jieba = None


def _tokenizer():
    global _jieba
    if _jieba is None:
        with _jieba_lock:
            if _jieba is None:
                import jieba

                jieba.setLogLevel(logging.WARNING)
                logging.getLogger("jieba").setLevel(logging.WARNING)
                tokenizer = jieba.Tokenizer()
                tokenizer.initialize()
                _jieba = tokenizer
    return _jieba


@functools.lru_cache(maxsize=200_000)
def segment(chinese: str) -> tuple[str, ...]:
    """jieba segmentation of one run of Chinese characters (cached: titles repeat phrases)."""
    return tuple(w for w in _tokenizer().cut(chinese, HMM=False) if w.strip())


# --- specs ---------------------------------------------------------------------------------------

_CN_NUM = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
_NUM = r"(\d+(?:\.\d+)?)"
_UNITS = {
    "kg": ("g", 1000), "千克": ("g", 1000), "公斤": ("g", 1000),
    "g": ("g", 1), "gr": ("g", 1), "克": ("g", 1),
    "ml": ("ml", 1), "毫升": ("ml", 1), "cl": ("ml", 10), "l": ("ml", 1000), "升(?!级)": ("ml", 1000),
    "粒": ("piece", 1), "片": ("piece", 1), "颗": ("piece", 1), "枚": ("piece", 1),
    "capsules": ("piece", 1), "capsule": ("piece", 1), "caps": ("piece", 1), "tablets": ("piece", 1),
    "tablet": ("piece", 1), "tabs": ("piece", 1), "softgels": ("piece", 1), "pcs": ("piece", 1),
    "pieces": ("piece", 1), "count": ("piece", 1), "ct": ("piece", 1),
}
# Latin units must end a word (800g, not 800grams' g); Chinese ones need no such guard (64片L码)
_UNIT_ALT = "|".join(u if "(" in u else re.escape(u) + (r"(?![a-z])" if u.isascii() else "")
                     for u in sorted(_UNITS, key=len, reverse=True))
_UNIT = rf"({_UNIT_ALT})"
_PACK_WORD = r"(?:瓶|罐|盒|袋|支|件|包(?!邮)|听|桶|片|粒|条|只)"
_TIMES = r"[*x×]"
# 2x50ml (count first)
_PACK_BEFORE = re.compile(rf"(?<![\d.])(\d{{1,3}})\s*{_TIMES}\s*{_NUM}\s*{_UNIT}")
# 50ml*2, 800g x 3罐
_CONTENT_PACK = re.compile(rf"(?<![\d.]){_NUM}\s*{_UNIT}\s*{_TIMES}\s*(\d{{1,3}})\s*{_PACK_WORD}?(?!\d)")
_CONTENT = re.compile(rf"(?<![\d.]){_NUM}\s*{_UNIT}")
_PACK_ALONE = re.compile(
    rf"(\d{{1,3}}|[一二两三四五六七八九十])\s*{_PACK_WORD}\s*装"
    rf"|pack\s+of\s+(\d{{1,3}})|(?<![\d.])(\d{{1,3}})\s*-?\s*packs?(?![a-z])|(?<![a-z\d])[*×]\s*(\d{{1,3}})(?![\d.])"
    # a bare 'x2' only after a space: 'a2牌x140' is a model code, not 140 packs
    rf"|(?:(?<=\s)|^)x\s?(\d{{1,2}})(?![\d.a-z])"
)
_STAGE = re.compile(
    r"(?<![\d.])([1-6])\s*(?:段|阶段)|([一二三四五六])\s*(?:段|阶段)|stage\s*([1-6])(?!\d)"
    r"|(?<![a-z])(pre)(?:\s*段|(?![a-z]))|(?<![a-z\d])([1-6])\s*\+(?![\d])"
)
_SIZE_WORDS = {
    "新生儿": "nb", "加加大号": "xxl", "特大号": "xxl", "加大号": "xl", "加大码": "xl",
    "大号": "l", "大码": "l", "中号": "m", "中码": "m", "小号": "s", "小码": "s", "newborn": "nb",
}
_SIZE = re.compile(
    "(" + "|".join(sorted(_SIZE_WORDS, key=len, reverse=True)) + ")"
    r"|(?<![a-z0-9'’.&\-])(?:size\s*)?(nb|xxxl|xxl|xl|s|m|l|[23]xl)\s*(?:码|号|size)?(?![a-z0-9'’&\-])"
)
_SHADE = re.compile(r"色号\s*#?\s*([0-9a-z]{1,5})|shade\s*#?\s*([0-9a-z]{1,5})|#\s*([0-9]{1,4}[a-z]?)(?![0-9a-z])|(?<![\d.a-z])(\d{1,3})\s*号色?(?!码)")
_BRACKETS = re.compile(r"【[^】]*】|\[[^\]]*\]|\([^)]*\)|「[^」]*」|〔[^〕]*〕|<[^>]*>|《[^》]*》")
_TOKEN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]+|[0-9a-z]+(?:[_.'][0-9a-z]+)*")


def _count(text: str) -> int:
    return int(text) if text.isdigit() else _CN_NUM.get(text, 0)


@dataclass(frozen=True)
class Spec:
    content_value: Decimal | None = None
    content_unit: str | None = None  # 'g', 'ml' or 'piece'
    pack_count: int | None = None
    stage: str | None = None  # '1'..'6' or 'pre'
    size: str | None = None  # 'nb', 's', 'm', 'l', 'xl', 'xxl', 'xxxl'
    variant: str | None = None  # shade '1', '201' or a colour 'black'

    def over(self, other: Spec) -> Spec:
        """This spec, with the gaps filled from ``other``."""
        return Spec(**{name: getattr(self, name) if getattr(self, name) is not None else getattr(other, name)
                       for name in self.__dataclass_fields__})


def _content(number: str, unit: str) -> tuple[Decimal, str]:
    base, factor = _UNITS.get(unit) or _UNITS["升(?!级)"]
    return clean_decimal(Decimal(number) * factor), base


def extract_spec(folded: str) -> tuple[Spec, str]:
    """Read the spec words of a folded text; return them and the text with them cut out."""
    found: dict[str, Any] = {}

    def take(pattern: re.Pattern[str], handle) -> None:
        nonlocal folded
        pieces, last = [], 0
        for match in pattern.finditer(folded):
            if handle(match) is False:
                continue
            pieces.append(folded[last:match.start()])
            pieces.append(" ")
            last = match.end()
        pieces.append(folded[last:])
        folded = "".join(pieces)

    def content(value: Decimal, unit: str) -> None:
        # weight or volume beats a piece count (面膜 25ml*5片 is 25 ml × 5)
        current = found.get("content")
        if current is None or (current[1] == "piece" and unit != "piece"):
            found["content"] = (value, unit)

    def pack_before(m):
        content(*_content(m.group(2), m.group(3)))
        found.setdefault("pack", int(m.group(1)))

    def content_pack(m):
        content(*_content(m.group(1), m.group(2)))
        found.setdefault("pack", int(m.group(3)))

    def content_alone(m):
        if m.group(2).isascii() and m.start() and folded[m.start() - 1].isalpha() and folded[m.start() - 1].isascii():
            return False  # a model code (v2978ml is not a volume; nb90片 still is 90 pieces)
        content(*_content(m.group(1), m.group(2)))

    def pack_alone(m):
        number = next(g for g in m.groups() if g)
        found.setdefault("pack", _count(number))

    def stage(m):
        if m.group(1) or m.group(3) or m.group(5):
            found.setdefault("stage", m.group(1) or m.group(3) or m.group(5))
        elif m.group(2):
            found.setdefault("stage", str(_CN_NUM[m.group(2)]))
        else:
            found.setdefault("stage", "pre")

    def size(m):
        value = _SIZE_WORDS.get(m.group(1)) if m.group(1) else m.group(2)
        value = {"2xl": "xxl", "3xl": "xxxl"}.get(value, value)
        found.setdefault("size", value)

    def shade(m):
        value = next(g for g in m.groups() if g)
        found.setdefault("variant", value.lstrip("0") or "0")

    take(_PACK_BEFORE, pack_before)
    take(_CONTENT_PACK, content_pack)
    take(_CONTENT, content_alone)
    take(_PACK_ALONE, pack_alone)
    take(_STAGE, stage)
    take(_SHADE, shade)
    take(_SIZE, size)
    value_unit = found.get("content")
    spec = Spec(
        content_value=value_unit[0] if value_unit else None,
        content_unit=value_unit[1] if value_unit else None,
        pack_count=found.get("pack") or None,
        stage=found.get("stage"),
        size=found.get("size"),
        variant=found.get("variant"),
    )
    return spec, folded


def parse_spec(text: str | None) -> Spec:
    """'800g' / '0.8kg' / '800克' → Spec(800, 'g'); '50ml*2' → Spec(50, 'ml', pack 2); '3段' → stage '3'."""
    if not text:
        return Spec()
    return extract_spec(fold(text))[0]


# --- the product record --------------------------------------------------------------------------


@dataclass(frozen=True)
class NormalisedProduct:
    """A product reduced to what matching compares. Catalog records use the same shape with ``sku`` set."""

    source_id: str
    brand_key: str | None
    title: str  # the normalised tokens joined by single spaces
    title_tokens: tuple[str, ...]
    content_value: Decimal | None = None
    content_unit: str | None = None
    pack_count: int = 1
    stage: str | None = None
    size: str | None = None
    variant: str | None = None
    market: str | None = None  # 德版 / 澳版: the market a version is made for, from the title
    gtin: str | None = None
    hs_code: str | None = None
    origin: str | None = None
    vat_rate: Decimal | None = None
    consumption_tax_rate: Decimal | None = None
    sku: str | None = None

    @property
    def block_key(self) -> tuple:
        return (self.brand_key, self.content_unit, self.content_value, self.pack_count)


class Normaliser:
    """Holds the compiled data tables; ``default_normaliser()`` gives the shared one."""

    def __init__(self, aliases: BrandAliases | None = None, marketing: Iterable[str] | None = None,
                 terms: Iterable[tuple[str, str]] | None = None, variants: Iterable[tuple[str, str]] | None = None,
                 stopwords: Iterable[str] | None = None):
        self.aliases = aliases or default_aliases()
        marketing = [fold(w) for w in (marketing if marketing is not None else _read_words(_data_text("marketing_words.txt")))]
        self._marketing = re.compile(_alternation(marketing))
        terms = terms if terms is not None else _read_pairs(_data_text("terms.csv"))
        self._terms = {fold(alias): canonical for canonical, alias in terms}
        self._terms_re = re.compile(_alternation(self._terms))
        variants = variants if variants is not None else _read_pairs(_data_text("variants.csv"))
        self._colours = {fold(alias): canonical for canonical, alias in variants}
        self._colours_re = re.compile(_alternation(self._colours))
        self._stopwords = frozenset(fold(w) for w in (stopwords if stopwords is not None else _read_words(_data_text("stopwords.txt"))))

    def with_aliases(self, aliases: BrandAliases) -> Normaliser:
        clone = object.__new__(Normaliser)
        clone.__dict__.update(self.__dict__)
        clone.aliases = aliases
        return clone

    def colour(self, folded: str) -> str | None:
        match = self._colours_re.search(folded)
        return self._colours[match.group(0)] if match else None

    def _unbracket(self, match: re.Match[str]) -> str:
        inner = match.group(0)[1:-1]
        return " " if self._marketing.search(inner) else f" {inner} "

    def title(self, folded: str, brand_key: str | None = None) -> tuple[tuple[str, ...], str | None, str | None]:
        """Tokens of an already folded, spec-free title, a colour variant and a market if named."""
        if brand_key:
            folded = self.aliases.key_pattern(brand_key).sub(" ", folded)
        folded = _BRACKETS.sub(self._unbracket, folded)
        folded = self._marketing.sub(" ", folded)
        markets: list[str] = []

        def term(match: re.Match[str]) -> str:
            canonical = self._terms[match.group(0)]
            if canonical.startswith("market:"):  # 德国 / 德版 / German: the market, not a title word
                markets.append(canonical[7:])
                return " "
            return f" {canonical} "

        folded = self._terms_re.sub(term, folded)
        colour = self.colour(folded)
        if colour:
            folded = self._colours_re.sub(" ", folded)
        tokens: list[str] = []
        for run in _TOKEN.findall(folded):
            if run[0] >= "\u3400":
                tokens.extend(segment(run))
            else:
                tokens.append(run)
        market = markets[0] if len(set(markets)) == 1 else None
        return tuple(t for t in tokens if t not in self._stopwords), colour, market

    def product(self, source_id: str, title: str, *, brand: str | None = None, spec: str | None = None,
                gtin: Any = None, hs_code: str | None = None, origin: str | None = None,
                vat_rate: Decimal | None = None, consumption_tax_rate: Decimal | None = None,
                sku: str | None = None) -> NormalisedProduct:
        folded = fold(title)
        title_spec, rest = extract_spec(folded)
        field_spec = Spec()
        if spec:
            field_spec, spec_rest = extract_spec(fold(spec))
            colour = self.colour(spec_rest)
            if field_spec.variant is None and colour:
                field_spec = replace(field_spec, variant=colour)
        merged = field_spec.over(title_spec)
        brand_key = self.aliases.resolve(brand) if brand else self.aliases.find(rest)
        tokens, colour, market = self.title(rest, brand_key)
        if merged.variant is None and colour is not None:
            merged = replace(merged, variant=colour)
        return NormalisedProduct(
            source_id=source_id,
            brand_key=brand_key,
            title=" ".join(tokens),
            title_tokens=tokens,
            content_value=merged.content_value,
            content_unit=merged.content_unit,
            pack_count=merged.pack_count or 1,
            stage=merged.stage,
            size=merged.size,
            variant=merged.variant,
            market=market,
            gtin=normalise_gtin(gtin),
            hs_code=normalise_hs_code(hs_code),
            origin=origin.strip().upper() if origin and origin.strip() else None,
            vat_rate=vat_rate,
            consumption_tax_rate=consumption_tax_rate,
            sku=sku,
        )

    def source_product(self, product) -> NormalisedProduct:
        """From a ``reader.SourceProduct``."""
        return self.product(
            product.id, product.title, brand=product.brand, spec=product.spec, gtin=product.gtin,
            hs_code=product.hs_code, origin=product.origin_country, vat_rate=product.vat_rate,
            consumption_tax_rate=product.consumption_tax_rate,
        )


def normalise_hs_code(value: Any) -> str | None:
    if value is None:
        return None
    code = re.sub(r"\D", "", str(value))
    return code if len(code) in (8, 10) else None


@functools.lru_cache(maxsize=1)
def default_normaliser() -> Normaliser:
    return Normaliser()


def normalise_title(title: str, brand: str | None = None) -> str:
    """The comparable form of a title alone (spec words, brand, marketing cut out)."""
    return default_normaliser().product("", title, brand=brand).title


def normalise_product(source_id: str, title: str, **fields: Any) -> NormalisedProduct:
    """``Normaliser.product`` with the shipped tables (pass ``normaliser=`` to use another)."""
    normaliser = fields.pop("normaliser", None) or default_normaliser()
    return normaliser.product(source_id, title, **fields)


def normalise_catalog_item(sku: str, title: str, **fields: Any) -> NormalisedProduct:
    """A haitao catalog SKU in the shape the matcher compares (``source_id`` and ``sku`` both = sku)."""
    return normalise_product(sku, title, sku=sku, **fields)
