"""Which brand keys of two catalogs name one brand, read off the brand names both sides use.

A brand field is written many ways across (and within) platforms: ``欧珊玛 Oceanma``, ``Oceanma``,
``欧珊玛``, ``Oceanma官方旗舰店``, ``Ziwi-Peak`` / ``ZiwiPeak``, ``Hill's`` / ``Hills``, or the pinyin
``aolaaikesi`` of 奥拉艾克斯. The normaliser turns each into a key on its own (it sees one record);
``BrandDirectory`` sees all keys at once and groups them:

- a key is cut into its names: a run of Chinese characters and a run of Latin letters are two names
  (``欧珊玛-oceanma`` → 欧珊玛, oceanma); a store's suffix (旗舰店, 海外专营店, 自营 …) is no part of a
  name; Latin names compare without separators (``ziwi-peak`` = ``ziwipeak``);
- two names written together in one brand field are one brand — when the data agree: a Chinese name
  written beside several Latin names (a maker, 花王 beside Merries and Bioré) links none of them;
- a Chinese name whose pinyin is a Latin name of the data is that name (奥拉艾克斯 = aolaaikesi);
- names linked so form one brand; a key whose names fall in two brands stays on its own.

GTIN-anchored pairs (``learned.BrandMap``) add what the names cannot show (诺叶 = Norleaf with no
record naming both). Pure: no Django.
"""

from __future__ import annotations

import functools
import re
from collections import Counter, defaultdict
from collections.abc import Iterable

from .scan import NameScanner
from .unionfind import DisjointSets

STORE_SUFFIX = re.compile(
    r"(?:官方旗舰店|海外旗舰店|海外专营店|海外专卖店|海外直营店|海外直营|国际旗舰店|旗舰店|专营店|专卖店|直营店|"
    r"官方店|海外店|自营店|自营|官方|全球购|海外购|企业店|品牌店|[-\s]*(?:official|flagship)?[-\s]*(?:store|shop))$")
_RUN = re.compile(r"[\u3400-\u9fff]+|[0-9a-z][0-9a-z'&.\-]*")
MIN_SHARE = 0.8  # a Chinese and a Latin name are linked when this share of the fields naming either agree


def compact(name: str) -> str:
    """A name without its separators: 'ziwi-peak', "hill's" and 'ziwipeak', 'hills' compare equal."""
    return re.sub(r"[^0-9a-z\u3400-\u9fff]", "", name)


def _cjk(name: str) -> bool:
    return bool(name) and name[0] >= "\u3400"


@functools.lru_cache(maxsize=200_000)
def names(key: str | None) -> tuple[str, ...]:
    """The names in a brand key, store suffix dropped, each compacted; one per script run, in order."""
    if not key:
        return ()
    key = key.strip("-")
    while True:
        stripped = STORE_SUFFIX.sub("", key).strip("- ")
        if stripped == key or not stripped:
            break
        key = stripped
    found: list[str] = []
    for run in _RUN.findall(key.replace("-", " - ")):
        if run == "-":
            continue
        if found and not _cjk(run) and not _cjk(found[-1]):  # Latin words of one name ('kirkland signature')
            found[-1] += run
        else:
            found.append(run)
    return tuple(dict.fromkeys(c for c in (compact(n) for n in found) if c))


@functools.lru_cache(maxsize=100_000)
def pinyin(name: str) -> str | None:
    """The toneless pinyin of a Chinese name, run together ('奥拉艾克斯' → 'aolaaikesi')."""
    if not _cjk(name):
        return None
    from pypinyin import lazy_pinyin

    return "".join(lazy_pinyin(name))


class BrandDirectory:
    """Brand keys grouped into brands. ``group(key)`` is a brand's id; ``keys_of`` its keys of one side."""

    def __init__(self, catalog_keys: Iterable[str | None] = (), source_keys: Iterable[str | None] = (),
                 titles: Iterable[tuple[str | None, str]] = (), catalog_titles: int | None = None):
        """``titles``: (brand key, title) of either side — a name written in one script in the brand
        field and in the other in the titles (Oakwave's titles say 奥克维芙) is learned from them; with
        ``catalog_titles``, the first that many are the catalog's."""
        catalog = Counter(k for k in catalog_keys if k)
        source = Counter(k for k in source_keys if k)
        everything = catalog + source
        sets = DisjointSets()
        parent, root = sets.parent, sets.find

        partners: dict[str, Counter[str]] = defaultdict(Counter)  # name → the other-script names beside it
        for key, count in everything.items():
            parts = names(key)
            for name in parts:
                root(name)
            chinese = [n for n in parts if _cjk(n)]
            latin = [n for n in parts if not _cjk(n)]
            for zh in chinese:
                for en in latin:
                    partners[zh][en] += count
                    partners[en][zh] += count
        links = {(a, b) for a, counter in partners.items() for b, n in counter.items()
                 if n >= MIN_SHARE * sum(counter.values())
                 and partners[b][a] >= MIN_SHARE * sum(partners[b].values())}
        latin_names = {n for n in parent if not _cjk(n)}
        spellers: dict[str, list[str]] = defaultdict(list)  # pinyin → the Chinese names that sound so
        for name in list(parent):
            if spelled := pinyin(name):
                spellers[spelled].append(name)
        catalog_names = {n for key in catalog for n in names(key)}
        catalog_names |= {zh for zh, beside in partners.items() if _cjk(zh) and not catalog_names.isdisjoint(beside)}
        # a Chinese name that sounds as a catalog brand's (its key's, or written beside it: 思笔乐 for
        # stabilo) but only the export writes so: 欧莉薇兰 for 欧丽薇兰, 斯笔乐 for 思笔乐
        sound_alike: dict[str, str] = {}
        for spelled, written in spellers.items():
            heard = [n for n in written if n in catalog_names]
            for name in written:
                if heard and name not in catalog_names:
                    sound_alike[name] = heard[0]
                elif spelled in latin_names and not partners[spelled]:
                    links.add((name, spelled))
        links |= _first_word_links(catalog, source)
        # a slip of the pen is not a link: a look-alike brand is one slip away too ('velona' against
        # 'velora'), so the misspelt brand only finds the candidates, and an operator says which it is
        self.misspelt: dict[str, str] = {**sound_alike, **dict(_typo_links(catalog, source))}
        for a, b in links:
            sets.union(a, b)
        titles = list(titles)
        for a, b in _title_links(everything, titles, root):
            sets.union(a, b)
        self._group: dict[str, str] = {}
        for key in everything:
            groups = {root(n) for n in names(key)}
            self._group[key] = groups.pop() if len(groups) == 1 else f"key:{key}"
        self._catalog_keys: dict[str, list[str]] = defaultdict(list)
        for key, _ in catalog.most_common():
            self._catalog_keys[self._group[key]].append(key)
        self._names: dict[str, str] = {}  # a name as it may stand in a title → its brand
        for key in everything:
            for name in names(key):
                if len(name) >= (2 if _cjk(name) else 4):
                    self._names.setdefault(name, self._group[key])
        self._group_names: dict[str, set[str]] = defaultdict(set)
        for key in everything:
            self._group_names[self._group[key]].update(names(key))
        # 维克柯 leading vikeko's titles; each side's titles apart (the catalog's may all lead with the name
        # where the export's, under the same key, never do)
        sides = [titles] if catalog_titles is None else [titles[:catalog_titles], titles[catalog_titles:]]
        for name, key in [link for side in sides for link in _sounded_title_links(everything, side).items()]:
            if name not in self._names and not any(_cjk(n) for n in self._group_names[self._group[key]]):
                self._names[name] = self._group[key]
                self._group_names[self._group[key]].add(name)
        # a Chinese name written in pinyin is the brand's too (华为 huawei, 达诺 danuo): taken out of titles like
        # its other spellings, long enough not to be a word. Not looked for in a listing without a brand
        # field: there a tenth of what it found was another brand (e 100k: 157 more true matches, 15 more false)
        for group_names in self._group_names.values():
            group_names.update(s for name in list(group_names) if (s := pinyin(name)) and len(s) >= MIN_SPELLED)
        self._pattern: NameScanner | None = None

    def add_names(self, key: str, added: Iterable[str]) -> None:
        """More names of the brand ``key`` names, learned after the directory was built (to take out of titles)."""
        self._group_names[self.group(key)].update(added)

    def misspelt_keys(self, key: str | None) -> tuple[str, ...]:
        """The catalog's keys of the brand ``key`` is a slip away from ('samssung': samsung), if any."""
        for name in names(key):
            if name in self.misspelt:
                return self.catalog_keys(self.misspelt[name])
        return ()

    def names_of(self, key: str | None) -> frozenset[str]:
        """Every name the brand ``key`` names is written with, in either script (to take out of titles)."""
        group = self.group(key)
        return frozenset(self._group_names.get(group, ())) | frozenset(names(key))

    def group(self, key: str | None) -> str | None:
        if not key:
            return None
        if key in self._group:
            return self._group[key]
        parts = names(key)  # a key the directory was not built with: by its names
        groups = {self._names.get(n) for n in parts}
        return groups.pop() if len(groups) == 1 and None not in groups else f"key:{key}"

    def same(self, a: str | None, b: str | None) -> bool:
        """Two keys that name one brand."""
        return bool(a and b) and (a == b or self.group(a) == self.group(b))

    def catalog_keys(self, key: str | None) -> tuple[str, ...]:
        """The catalog's keys of the brand ``key`` names, the most used first."""
        group = self.group(key)
        return tuple(self._catalog_keys.get(group, ())) if group else ()

    def find(self, title: str) -> str | None:
        """The catalog key of a brand named in a title (a product listed without a brand field)."""
        if self._pattern is None:
            self._pattern = NameScanner((n for n, g in self._names.items() if self._catalog_keys.get(g)), bounded=True)
        # a Latin name of several words written with an apostrophe or spaces ("rafferty's garden") is
        # found compacted, as its key is: word-aligned still, as letters on either side break a match
        found = (self._pattern.search(title) or self._pattern.search(title.replace(" ", ""))
                 or self._pattern.search(compact(title)))
        if not found:
            return None
        keys = self._catalog_keys.get(self._names[found], ())
        return keys[0] if keys else None


def _first_word_links(catalog: Iterable[str], source: Iterable[str]) -> set[tuple[str, str]]:
    """'optimum' and 'optimum-nutrition', 'kirkland' and 'kirkland-signature': a one-word Latin name
    that begins exactly one longer Latin name is that brand shortened — unless one side names both:
    a catalog or an export that keeps 'line' and 'line-home' apart says they are two brands (a
    look-alike shop brand), and that side knows its own brands better than a prefix does."""
    sides = [{n for key in keys for n in names(key) if not _cjk(n)} for keys in (catalog, source)]
    latin = sides[0] | sides[1]
    firsts: dict[str, set[str]] = defaultdict(set)
    for key in (*catalog, *source):
        for run in re.findall(r"[0-9a-z][0-9a-z'&.\-]*", key):
            words = [w for w in run.split("-") if w]
            if len(words) >= 2 and len(words[0]) >= 4:
                firsts[words[0]].add(compact(run))
    return {(first, longer) for first, (longer,) in ((f, tuple(s)) for f, s in firsts.items() if len(s) == 1)
            if first in latin and not any(first in side and longer in side for side in sides)}


MAX_TYPO_LISTINGS = 3  # a misspelt brand is a slip in a few listings; a name used more is a brand of its own


def _typo_links(catalog: Counter, source: Counter) -> set[tuple[str, str]]:
    """'samssung' in one listing and 'samsung' in the catalog: a Latin name only the export uses, in at
    most MAX_TYPO_LISTINGS listings, one slip (two in a long name: Damerau–Levenshtein) from exactly one
    catalog name of five letters or more. A look-alike brand ('velona' beside 'velora') sells more
    listings than a slip makes, and a name near two catalog names is left alone.

    Candidates come from a symmetric-deletion index (two names within k edits share a string with at
    most k letters deleted from each, as SymSpell finds them), so each name meets a handful of catalog
    names, not all of them; the distance itself is then checked."""
    from rapidfuzz.distance import DamerauLevenshtein

    known = {n for key in catalog for n in names(key)}
    deletions: dict[str, set[str]] = defaultdict(set)
    for name in known:
        if not _cjk(name) and len(name) >= 5:
            for variant in _deleted(name, 2):
                deletions[variant].add(name)
    uses: Counter[str] = Counter()
    for key, count in source.items():
        for name in names(key):
            uses[name] += count
    links = set()
    for name, count in uses.items():
        if count > MAX_TYPO_LISTINGS or name in known or _cjk(name) or len(name) < 5:
            continue
        slips = 1 if len(name) < 8 else 2
        near = {c for variant in _deleted(name, slips) for c in deletions.get(variant, ())
                if DamerauLevenshtein.distance(name, c, score_cutoff=slips) <= slips}
        if len(near) == 1:
            links.add((name, near.pop()))
    return links


def _deleted(word: str, k: int) -> set[str]:
    """``word`` with up to ``k`` letters deleted."""
    found, frontier = {word}, {word}
    for _ in range(k):
        frontier = {w[:i] + w[i + 1:] for w in frontier for i in range(len(w))}
        found |= frontier
    return found


MIN_SPELLED = 5  # letters of a pinyin spelling taken for a brand's name ('mini' of 米尼 is a word)
TITLE_SAMPLE = 200_000  # titles read for brand names (enough to see every brand that sells many products)


def _title_links(keys: Iterable[str], titles: Iterable[tuple[str | None, str]], root) -> set[tuple[str, str]]:
    """A brand known in one script only whose name stands, in the other script, in the titles of one
    brand known in the other script only: the two are one (two titles at least, 80% of them)."""
    scripts: dict[str, set[bool]] = defaultdict(set)
    for key in keys:
        for name in names(key):
            scripts[root(name)].add(_cjk(name))
    single = {n: next(iter(scripts[root(n)])) for key in keys for n in names(key)
              if len(scripts[root(n)]) == 1 and len(n) >= (2 if _cjk(n) else 4)}
    if not single:
        return set()
    longest = max(len(n) for n in single)
    seen: dict[str, Counter[str]] = defaultdict(Counter)
    for count, (key, title) in enumerate(titles):
        if count >= TITLE_SAMPLE:
            break
        own = {root(n) for n in names(key)}
        if len(own) != 1:
            continue
        own_group = own.pop()
        own_script = scripts.get(own_group)
        if not own_script or len(own_script) != 1:
            continue
        for name in _names_in(title, single, longest):
            if single[name] not in own_script and root(name) != own_group:
                seen[name][own_group] += 1
    links = set()
    for name, groups in seen.items():
        group, n = groups.most_common(1)[0]
        if n >= 2 and n >= 0.8 * sum(groups.values()):
            links.add((name, group))
    return links


SOUNDS_LIKE = 60  # rapidfuzz ratio of a Chinese name's pinyin to a Latin name: 维克柯 weikeke ~ vikeko
LEADS_SHARE = 0.6  # of a brand's titles that begin with its Chinese name


def _sounded_title_links(keys: Iterable[str], titles: list[tuple[str | None, str]]) -> dict[str, str]:
    """A brand keyed in Latin letters only whose titles mostly begin with one Chinese name that sounds
    like it ('维克 柯 三层 刀片 …' under vikeko): that name is the brand's, so it is taken out of titles
    and finds the brand in a listing without a brand field. The name must lead the brand's titles, not
    another brand's, and its pinyin must be near the key's letters, so a line or category word every
    product of a small brand starts with ('无痕 内裤' under bobobel) is not taken for the name."""
    from rapidfuzz import fuzz

    latin_keys = {key for key in keys if (parts := names(key)) and not any(_cjk(n) for n in parts)}
    leading: dict[str, Counter[str]] = defaultdict(Counter)  # Chinese name → the keys whose titles it leads
    seen: Counter[str] = Counter()
    for count, (key, title) in enumerate(titles):
        if count >= TITLE_SAMPLE:
            break
        if key not in latin_keys:
            continue
        seen[key] += 1
        joined = ""
        for token in title.split()[:3]:
            if not re.fullmatch(r"[\u3400-\u9fff]+", token):
                break
            joined += token
            if len(joined) > 5:
                break
            if len(joined) >= 2:
                leading[joined][key] += 1
    best: dict[str, tuple[float, str]] = {}  # key → (how near, the name): 维克柯, not 维克柯三层
    for name, by_key in leading.items():
        key, n = by_key.most_common(1)[0]
        if n < 2 or n < LEADS_SHARE * seen[key] or n < MIN_SHARE * sum(by_key.values()):
            continue
        spelled = pinyin(name)
        near = max(fuzz.ratio(spelled, latin) for latin in names(key)) if spelled else 0.0
        if near >= SOUNDS_LIKE and near > best.get(key, (0.0, ""))[0]:
            best[key] = (near, name)
    return {name: key for key, (_, name) in best.items()}


def _names_in(title: str, wanted: dict[str, bool], longest: int) -> set[str]:
    """The wanted names a title holds: Chinese ones as any run of its characters (spaces between
    characters ignored), Latin ones as one word or two or three run together."""
    found = set()
    chinese = "".join(re.findall(r"[\u3400-\u9fff]+", title))
    for i in range(len(chinese)):
        for j in range(i + 2, min(len(chinese), i + longest) + 1):
            if chinese[i:j] in wanted:
                found.add(chinese[i:j])
    words = re.findall(r"[0-9a-z]+", title)
    for i in range(len(words)):
        for j in range(i + 1, min(len(words), i + 3) + 1):
            joined = "".join(words[i:j])
            if joined in wanted:
                found.add(joined)
    return found


def strip_names(tokens: tuple[str, ...], brand_names: Iterable[str]) -> tuple[str, ...]:
    """Tokens without the brand's names, also where the segmenter cut a name into pieces (欧 珊 玛)."""
    wanted = set(brand_names)
    if not wanted or not tokens:
        return tokens
    longest = max(len(n) for n in wanted)
    out: list[str] = []
    i = 0
    while i < len(tokens):
        joined, end = "", None
        for j in range(i, len(tokens)):
            joined += compact(tokens[j])
            if len(joined) > longest:
                break
            if joined in wanted:
                end = j + 1
        if end is None:
            out.append(tokens[i])
            i += 1
        else:
            i = end
    return tuple(out)
