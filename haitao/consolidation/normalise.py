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
5. lines: a product line's nickname or Chinese name (小棕瓶, 方管) becomes the words the line goes by
   (``product_lines.csv``, scoped to the brand: 小金 is Anessa's gold bottle only at Anessa);
6. terms: known product words in either language become one canonical token (奶粉 / milk powder →
   formula); colour words become the ``variant`` when no shade was given;
7. tokens: Latin runs are split on non-alphanumerics, Chinese runs are segmented with jieba (loaded
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
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from importlib import resources
from pathlib import Path
from typing import Any

from haitao.rules.identity import normalise_mobile

from .attributes import Spec, extract_spec, parse_spec  # noqa: F401  (re-exported: the spec readers moved)
from .gtin import gtin_check_digit, normalise_gtin  # noqa: F401  (re-exported)
from .text import clean_decimal, fold, slug  # noqa: F401  (re-exported)

DATA = "data"
_BRACKETS = re.compile(r"【[^】]*】|\[[^\]]*\]|\([^)]*\)|「[^」]*」|〔[^〕]*〕|<[^>]*>|《[^》]*》")
_TOKEN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]+|[0-9a-z]+(?:[_.'][0-9a-z]+)*")

# --- small value normalisers -------------------------------------------------------------------


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


def _read_triples(text: str) -> list[tuple[str, str, str]]:
    rows = csv.reader(line for line in text.splitlines() if line.strip() and not line.startswith("#"))
    next(rows, None)  # the header
    return [(row[0].strip(), row[1].strip(), row[2].strip()) for row in rows if len(row) >= 3 and all(c.strip() for c in row[:3])]


def _read_words(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]


# shop promotions, read out before the spec: their numbers are no pack ('拍2件' buys two of a single
# listing; '第2件半价', '满199减20', '2件8折', '买一送一' are prices)
_CN_DIGIT = "[0-9一二两三四五六七八九十]"
_PROMOTION = re.compile(
    rf"满\s*\d+\s*(?:元\s*)?减\s*\d+(?:\s*元)?|拍\s*{_CN_DIGIT}+\s*件|第\s*{_CN_DIGIT}\s*件\s*(?:半价|\d+(?:\.\d+)?\s*折|\d+\s*元)?"
    rf"|{_CN_DIGIT}\s*件\s*\d+(?:\.\d+)?\s*折|买\s*{_CN_DIGIT}\s*送\s*{_CN_DIGIT}")
# a plug type says the mains voltage too (欧标220-240V, 'EU plug 230V'): the voltage is left out where
# the plug is named, so '英标240V' and '英规 230V' are one plug
_PLUG = re.compile(r"(?:欧|美|英|日|澳|国|中)(?:规|标|插)|(?<![a-z])(?:eu|us|uk|jp|au|cn)\s*plug(?![a-z])")
_VOLTAGE = re.compile(r"(?<![\d.])\d{3}(?:\s*[-~/]\s*\d{3})?\s*v(?![a-z])")


def _without_plug_voltage(folded: str) -> str:
    return _VOLTAGE.sub(" ", folded) if _PLUG.search(folded) else folded


# a storage capacity written apart ('64 GB') is one word, never 64 grams
_CAPACITY = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)\s*(gb|tb|mb)(?:\s*([*x×])\s*(?=\d))?(?![a-z])")


# sun protection grades as one word each: 'spf 50+' is spf50, 'pa+++' is pa3 (folding would drop the '+')
_SPF = re.compile(r"(?<![a-z])spf\s*(\d+)\s*\+?")
_PA = re.compile(r"(?<![a-z])pa\s*(\+{1,4})")


# one unit, said as such ('单台装', '1台', '1副', '单件', '1pc', '1 pack'): a pack of one is no pack, and
# the words left over ('单', '台') would read as the title's own
_SINGLE = re.compile(r"(?:单|一|(?<![\d.])1)\s*(?:台|副|个|件|盒|瓶|罐|袋|只|张|套|支|条)\s*装|单\s*(?:台|副|个|件|品)"
                     r"|(?<![\d.])1\s*(?:台|副|个|pcs?|pack)(?![a-z\u3400-\u9fff])")


# a contact lens's power as one word, in dioptres: '-2.25D', '-2度', '近视325度' (degrees are 100ths
# of a dioptre) and '3 度' are 2.25d, 2.00d, 3.25d, 3.00d; only where the title is about lenses (酒精度 40度 is not)
_LENS = re.compile(r"抛|隐形|近视|远视|散光|lens|contact")
_LENS_POWER = re.compile(r"(?<![\w.])-\s*(\d{1,2}(?:\.\d{1,2})?)\s*(?:d|度)?(?![a-z\d.])|(?<![\d.])(\d{1,4}(?:\.\d{1,2})?)\s*度")
# the grade's '+' goes, and the grade stands apart: 'mgo829 0.5kg' must not read as 8290.5kg
_MANUKA_GRADE = re.compile(r"(?<![a-z])(umf|mgo)\s*(\d+)(?:\s*\+)?")


def _lens_power(match: re.Match[str]) -> str:
    value = Decimal(match.group(1) or match.group(2))
    if match.group(2) and value >= 25:  # degrees
        value /= 100
    return f" {value:.2f}d "


def _prepared(folded: str) -> str:
    """A folded title or spec field with what would mislead the spec parser taken out or joined."""
    folded = _SINGLE.sub(" ", _MANUKA_GRADE.sub(r"\1\2 ", folded))
    if _LENS.search(folded):
        folded = _LENS_POWER.sub(_lens_power, folded)
    folded = _PA.sub(lambda m: f" pa{len(m.group(1))} ", _SPF.sub(r" spf\1 ", folded))
    return _without_plug_voltage(_PROMOTION.sub(" ", _CAPACITY.sub(_capacity, folded)))


def _capacity(match: re.Match[str]) -> str:
    """'64 GB' as '64gb', 1024gb as '1tb'; '128GB×2' is two cards of 128gb: the pack sign stands apart."""
    number, unit = match.group(1), match.group(2)
    if unit == "gb" and number.isdigit() and int(number) >= 1024 and int(number) % 1024 == 0:
        number, unit = str(int(number) // 1024), "tb"
    return f"{number}{unit}" + (f" {match.group(3)}" if match.group(3) else "")


# a colour in one or two characters, only where it stands alone ('白' after a space, not 白金版 or 美白)
_LONE_COLOURS = {"黑": "black", "白": "white", "红": "red", "蓝": "blue", "绿": "green", "灰": "grey",
                 "紫": "purple", "黄": "yellow", "橙": "orange", "棕": "brown", "卡其": "khaki", "藏蓝": "navy", "藏青": "navy"}
_LONE_COLOUR = re.compile(r"(?<![\u3400-\u9fff])(" + "|".join(sorted(_LONE_COLOURS, key=len, reverse=True))
                          + r")(?![\u3400-\u9fff])")


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


def _spellings(key: str) -> set[str]:
    """How a brand the table does not know may stand in its own titles: its key, each script's run of it
    (欧珊玛-oceanma → 欧珊玛, oceanma), Latin words spaced or run together (ziwi peak, ziwipeak)."""
    runs = re.findall(r"[\u3400-\u9fff]+|[0-9a-z][0-9a-z\-]*[0-9a-z]|[0-9a-z]", key)
    found = {key}
    for run in runs:
        if len(run) >= 2:
            found.update({run, run.replace("-", " "), run.replace("-", "")})
    return found


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
            pattern = self._key_patterns[key] = re.compile(_alternation(self._key_aliases.get(key) or _spellings(key)))
        return pattern

    def lookup(self, folded: str) -> str | None:
        return self._alias_to_key.get(folded.strip())

    def resolve(self, brand: str | None) -> str | None:
        """The key of a brand as a source spelled it ('爱他美(Aptamil)', 'Estée Lauder/雅诗兰黛').

        An unknown brand keeps a key of its own (its slug), so it still blocks with itself. Written in
        two scripts ('萱岚/Kinmav'), it keeps the Latin part's slug: catalogs name brands in Latin letters,
        so that is the spelling the other side most likely has.
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
        # a maker's name before its brand's (花王妙而舒, 资生堂安热沙): the last brand named is the product's
        found = [self._alias_to_key[m.group(0)] for m in self.pattern.finditer(folded)]
        if found:
            return found[-1]
        parts = [p.strip() for p in re.split(r"[/()（）|·,，、\[\]【】]+", folded) if p.strip()]
        latin = [p for p in parts if p.isascii() and re.search(r"[a-z]", p)]
        if latin and len(latin) < len(parts):
            return slug(latin[0]) or None
        return slug(folded) or None

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
        lines: dict[str, dict[str, str]] = {}
        for brand_key, alias, line in _read_triples(_data_text("product_lines.csv")):
            lines.setdefault(slug(brand_key), {})[fold(alias)] = fold(line)
        self._lines = {key: (re.compile(_alternation(names)), names) for key, names in lines.items()}
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
        if brand_key in self._lines:  # a line's nickname (小棕瓶) in the words the catalog uses for it
            pattern, names = self._lines[brand_key]
            folded = pattern.sub(lambda m: f" {names[m.group(0)]} ", folded)
            folded = self.aliases.key_pattern(brand_key).sub(" ", folded)  # 'creme de la mer' holds the brand's name
        markets: list[str] = []

        def term(match: re.Match[str]) -> str:
            canonical = self._terms[match.group(0)]
            if canonical.startswith("market:"):  # 德国 / 德版 / German: the market, not a title word
                markets.append(canonical[7:])
                return " "
            return f" {canonical} "

        # a lone colour is read before the terms, whose words stand apart ('咖啡粉' is 'coffee 粉')
        lone = _LONE_COLOUR.search(folded)
        if lone:
            folded = _LONE_COLOUR.sub(" ", folded)
        folded = self._terms_re.sub(term, folded)
        colour = self.colour(folded) or (_LONE_COLOURS[lone.group(1)] if lone else None)
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
        folded = _prepared(fold(title))
        title_spec, rest = extract_spec(folded)
        field_spec, spec_words = Spec(), ()
        if spec:
            field_spec, spec_rest = extract_spec(_prepared(fold(spec)))
            # the spec field names the variant as often as its amount ('焦糖 100g', '2021 vintage 750ml',
            # '3 person'): its words are the listing's words too
            spec_words, colour, _ = self.title(spec_rest, None)
            if field_spec.variant is None and colour:
                field_spec = replace(field_spec, variant=colour)
        merged = field_spec.over(title_spec)
        brand_key = self.aliases.resolve(brand) if brand else self.aliases.find(rest)
        if brand:  # a maker named with its brand (花王妙而舒): its name is no product word either
            for key in {self.aliases.lookup(m.group(0)) for m in self.aliases.pattern.finditer(fold(brand))} - {brand_key}:
                rest = self.aliases.key_pattern(key).sub(" ", rest)
        tokens, colour, market = self.title(rest, brand_key)
        tokens += tuple(t for t in dict.fromkeys(spec_words) if t not in tokens)
        if merged.size is None and FOOTWEAR.intersection(tokens):
            merged, tokens = _shoe_size(merged, tokens)
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


FOOTWEAR = frozenset({"running_shoes", "canvas_sneakers", "hiking_boots", "loafers", "slip_on", "slippers"})
_EU_SIZE = re.compile(r"(?:3[3-9]|4[0-8])(?:\.5)?")


def _shoe_size(spec: Spec, tokens: tuple[str, ...]) -> tuple[Spec, tuple[str, ...]]:
    """A shoe's title with one bare number in the EU range ('跑步鞋 42') states its size, as 'EU 42' does."""
    sizes = [t for t in tokens if _EU_SIZE.fullmatch(t)]
    if len(sizes) != 1:
        return spec, tokens
    return replace(spec, size="eu" + sizes[0]), tuple(t for t in tokens if t != sizes[0])


@functools.lru_cache(maxsize=1)
def colour_names() -> frozenset[str]:
    """The canonical colour words (black, gold, …) the shipped table reads colours into."""
    return frozenset(canonical for canonical, _ in _read_pairs(_data_text("variants.csv")))


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
