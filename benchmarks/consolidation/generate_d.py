"""Generator d: an independent, held-out product-matching set for consolidation.

Written for the issue's request of "a second, independent generator with other categories, templates,
spellings and hard negatives", **without reading the matcher (haitao/consolidation/), the other
generators, their tests or their documentation**; only the export format (platform-export.md) and the
benchmark's calling convention were read.

What it writes into ``out`` (``size`` products on each side):

* ``haitao-export/`` and ``catalog.jsonl``: haitao's catalog in a house style (one spelling per value,
  spec always in the title, GTIN on 82% of products: UPC-A as 12 digits, EAN-13, GTIN-14 for case packs);
* ``export/``: the acquired platform (platform-export.md), titles in other templates (word orders,
  marketing words, mixed or English-only, traditional characters from HK/TW stores), spellings (unit
  conversions ml/L/cl, g/kg/斤/oz, lb/磅 against grams, 粒/颗/gummies, mAh/万毫安, pack notations ``*4``,
  ``x2``, ``×2``, ``2件套``, ``3件装``, ``两盒装``, ``2 pack``, ``组合装2件``, ``Box of 12``), the line name
  in the other language (``Sauvage``/``旷野``), the brand in a store name, missing from the field, only in
  the field, in pinyin, upper-cased, compacted or with a typo; spec in the title, in the field, both or
  (5%) missing; GTIN on ~55% (same form, GTIN-14 padded, UPC as EAN-13, 11-digit UPC that lost its
  leading zero, spaces, a mistyped check digit, another brand's GTIN copied);
* ``truth.json``, ``truth_detail.jsonl`` (tags per listing), ``customers_truth.json``, ``aliases.json``
  (``{}``), ``stats.json``.

Products are 27 types (wine, whisky, hair care, oral care, kitchen appliances with plug versions, phone
accessories, leather goods, gummies, pet food and accessories, outdoor gear, tea, chocolate, crisps,
perfume, sports nutrition) from ~75 real brands with Chinese names and invented ones (transliterated
Latin names, Chinese names with pinyin). A family is (brand, type, line) with 1-8 variants along the
type's axes; the truth is by construction: a listing's truth is the haitao SKU of its hidden variant or
null. About half the listings have a true match. Hard negatives: another variant of a catalog family
(size, colour, flavour, stage, pack count, EDT/EDP, vintage, age, plug, phone model, capacity, wattage),
a line absent from haitao under a known brand, and a lookalike brand (``Velora``/``Velona``,
``优品``/``优品汇``) selling the same line. The GTIN rule of the issue holds in the truth: a valid GTIN
shared by the two sides always belongs to the true pair, except a GTIN copied from another brand's
product (the brands clearly differ); a true pair never carries two different valid GTINs.

Memory is bounded (families are made and written one at a time; the output is shuffled in chunks).
"""

from __future__ import annotations

import json
import random
from collections import Counter, deque
from itertools import product as cartesian
from pathlib import Path

from .generate_d_people import write_customers
from .generate_d_render import (PACK_KINDS, QUANTITY_KINDS, acquired_gtin, brand_acquired, brand_house, check_digit,
                                enum_text, house_gtin, join, marketing, pack_forms, pick_form, quantity_forms,
                                to_traditional)
from .generate_d_vocab import (CODES, EAN_PREFIX, ENUM_AXES, INVENTED_COUNTRIES, LOOKALIKE_EN_SUFFIX,
                               LOOKALIKE_ZH_SUFFIX, REAL_BRANDS, SERIES, SYLLABLES, TYPES, ZH_BRAND_WORDS)

CHUNK = 4096
P_SHARED, P_ACQ_ONLY, P_TWIN = 0.70, 0.15, 0.05
P_IN_CATALOG, P_LIST_CATALOG, P_LIST_OTHER, P_LIST_ABSENT = 0.6, 0.65, 0.6, 0.55
P_HAITAO_GTIN, P_ACQ_GTIN = 0.82, 0.55
MERCHANTS = [("m-hk", "港货小铺", "marketplace", "HK", True), ("m-tw", "台灣好物館", "marketplace", "TW", True),
             ("m-au", "澳洲直邮代购", "marketplace", "AU", False), ("m-jp", "日本馆海外专营", "marketplace", "JP", False),
             ("m-eu", "欧洲精品仓", "marketplace", "DE", False), ("m-us", "美国海淘站", "marketplace", "US", False),
             ("m-self", "自营保税仓", "self_operated", "CN", False)]


def _perm(i: int, mod: int, mult: int = 7919, add: int = 104729) -> int:
    return (i * mult + add) % mod


def _cents(rng: random.Random, lo: int, hi: int) -> str:
    c = rng.randrange(lo * 100, hi * 100)
    return f"{c // 100}.{c % 100:02d}"


class Brands:
    """The brand pool: real brands, invented Latin and Chinese brands, and lookalike partners."""

    def __init__(self, rng: random.Random, size: int):
        self.rng = rng
        self.all: list[dict] = []
        self.names: set[str] = set()
        for en, zh, country, lines, types in REAL_BRANDS:
            self._add({"key": "r:" + en, "en": en, "zh": zh if zh != en else None, "pinyin": None, "country": country,
                       "types": types, "lines": lines})
        self.real = list(self.all)
        self.invented: list[dict] = []
        for _ in range(min(6000, max(300, size // 40))):
            brand = self._invent()
            self.invented.append(brand)
            if rng.random() < 0.12:
                brand["partner"] = self._lookalike(brand)
        self.twinned = {b["key"] for b in self.all if b.get("partner") or b.get("twin_of")}

    def _add(self, brand: dict) -> dict:
        brand.setdefault("upc", brand["country"] in ("US", "CA"))
        brand.setdefault("house", self.rng.choice(["en", "en", "en_title", "zh", "slash"]))
        brand.setdefault("lines", [])
        for name in (brand["en"], brand["zh"], brand["pinyin"]):
            if name:
                self.names.add(self._norm(name))
        self.all.append(brand)
        return brand

    @staticmethod
    def _norm(name: str) -> str:
        return "".join(c for c in name.lower() if c.isalnum())

    def _free(self, *names) -> bool:
        return all(not n or self._norm(n) not in self.names for n in names)

    def _latin(self) -> tuple[str, str]:
        while True:
            syl = [self.rng.choice(SYLLABLES) for _ in range(self.rng.choice((2, 2, 3, 3, 3)))]
            en, zh = "".join(s[0] for s in syl).capitalize(), "".join(s[1] for s in syl)
            if len(en) >= 4 and self._free(en, zh):
                return en, zh

    def _invent(self) -> dict:
        rng = self.rng
        types = rng.sample(sorted(TYPES), rng.choice((1, 2, 2, 3)))
        if rng.random() < 0.25:
            while True:
                words = rng.sample(ZH_BRAND_WORDS, rng.choice((2, 2, 3)))
                zh, pinyin = "".join(w[0] for w in words), "".join(w[1] for w in words)
                en = self._latin()[0] if rng.random() < 0.3 else None
                if self._free(zh, pinyin, en):
                    break
            return self._add({"key": f"c:{zh}", "en": en, "zh": zh, "pinyin": pinyin, "country": "CN", "types": types})
        en, zh = self._latin()
        return self._add({"key": f"l:{en}", "en": en, "zh": zh if rng.random() < 0.75 else None, "pinyin": None,
                          "country": rng.choice(INVENTED_COUNTRIES), "types": types})

    def _lookalike(self, brand: dict) -> dict:
        """A different brand with a near-identical name (one syllable or a suffix apart)."""
        rng = self.rng
        for _ in range(50):
            en, zh, pinyin = brand["en"], brand["zh"], brand["pinyin"]
            if brand["key"].startswith("c:"):
                if rng.random() < 0.5:
                    suffix = rng.choice(LOOKALIKE_ZH_SUFFIX)
                    zh, pinyin = zh + suffix[0], pinyin + suffix[1]
                else:
                    w = rng.choice(ZH_BRAND_WORDS)
                    zh, pinyin = zh[:-1] + w[0], pinyin[: len(pinyin) - len(dict(ZH_BRAND_WORDS)[zh[-1]])] + w[1]
                en = en + rng.choice(LOOKALIKE_EN_SUFFIX) if en else None
            elif rng.random() < 0.6:
                s = rng.choice(SYLLABLES)
                en = (en[:-2] + s[0]).capitalize() if len(en) > 4 else (en + s[0]).capitalize()
                zh = zh[:-1] + s[1] if zh else None
            else:
                en = en + rng.choice(LOOKALIKE_EN_SUFFIX)
                zh = zh + rng.choice(LOOKALIKE_ZH_SUFFIX)[0] if zh else None
            if self._free(en, zh, pinyin) and (en, zh) != (brand["en"], brand["zh"]):
                return self._add({"key": f"t:{en or zh}", "en": en, "zh": zh, "pinyin": pinyin, "country": brand["country"],
                                  "types": brand["types"], "twin_of": brand["key"], "house": brand["house"]})
        return None

    def typo_ok(self, brand: dict):
        eligible = brand["key"] not in self.twinned and brand["en"] and len(brand["en"]) >= 6

        def ok(name: str) -> bool:
            return bool(eligible) and (name == brand["en"] or self._free(name))
        return ok


class Generator:
    def __init__(self, size: int, out: Path, seed: int):
        self.size, self.out = size, out
        self.rng = random.Random(seed)
        self.brands = Brands(self.rng, size)
        self.seen: set = set()
        self.used_real_lines: set = set()
        self.gcount = 0
        self.hai_n = self.acq_n = 0
        self.recent = deque(maxlen=2000)  # (house gtin, brand key, type) of haitao products, for copied GTINs
        self.twin_bases: list[dict] = []  # recent shared families whose brand has a lookalike, each twinned once
        self.tags: Counter = Counter()
        self.counts: Counter = Counter()

    # --- families -----------------------------------------------------------------------------------------
    def _line(self, brand: dict, type_key: str) -> tuple[str, str]:
        rng = self.rng
        if brand["lines"] and rng.random() < 0.7:
            free = [ln for ln in brand["lines"] if (brand["key"], type_key, ln[0]) not in self.used_real_lines]
            if free:
                line = rng.choice(free)
                self.used_real_lines.add((brand["key"], type_key, line[0]))
                return line
        series, code = rng.choice(SERIES), rng.choice(CODES)
        return (series[0] + (" " + code if code else ""), series[1] + (" " + code if code else ""))

    def _family(self, fid: int) -> dict:
        rng = self.rng
        if self.twin_bases and rng.random() < P_TWIN:
            base = self.twin_bases.pop(rng.randrange(len(self.twin_bases)))
            fam = dict(base, fid=fid, brand=base["brand"]["partner"], twin=True)
            fam["kind"] = "shared" if rng.random() < 0.4 else "acq_only"
            fam["gtins"] = [self._gtin(fam["brand"], v, fam) for v in fam["variants"]]
            return fam
        for _ in range(100):
            brand = rng.choice(self.brands.real) if rng.random() < 0.25 else rng.choice(self.brands.invented)
            type_key = rng.choice(brand["types"])
            line = self._line(brand, type_key)
            if (brand["key"], type_key, line[0]) not in self.seen:
                break
        self.seen.add((brand["key"], type_key, line[0]))
        axes = []
        spec = TYPES[type_key][2]
        vary = set(rng.sample(range(len(spec)), 1 if rng.random() < 0.65 or len(spec) == 1 else 2))
        for i, (name, kind, cands) in enumerate(spec):
            cands = list(cands) if cands is not None else list(ENUM_AXES[kind])
            if i in vary:
                values = rng.sample(cands, min(len(cands), rng.choice((2, 2, 3, 4))))
            elif kind == "pack" and rng.random() < 0.85:
                values = [1]
            else:
                values = [rng.choice(cands)]
            axes.append((name, kind, values))
        variants = list(cartesian(*(a[2] for a in axes)))
        if len(variants) > 8:
            variants = rng.sample(variants, 8)
        r = rng.random()
        kind = "shared" if r < P_SHARED else "acq_only" if r < P_SHARED + P_ACQ_ONLY else "hai_only"
        fam = {"fid": fid, "brand": brand, "type": type_key, "line": line, "axes": axes, "variants": variants,
               "kind": kind, "twin": False, "line_lang": rng.choice(("en", "zh")),
               "prices": [rng.randrange(*TYPES[type_key][5]) for _ in variants]}
        fam["gtins"] = [self._gtin(brand, v, fam) for v in variants]
        if kind == "shared" and brand.get("partner"):
            self.twin_bases.append(fam)
            if len(self.twin_bases) > 300:
                self.twin_bases.pop(0)
        return fam

    def _gtin(self, brand: dict, variant: tuple, fam: dict) -> str | None:
        g = self.gcount
        self.gcount += 1
        pack = next((v for (name, kind, _), v in zip(fam["axes"], variant) if kind == "pack"), 1)
        if brand["upc"]:
            body = "0" + "00678"[g % 5] + f"{_perm(g, 10 ** 10):010d}"
        else:
            body = EAN_PREFIX.get(brand["country"], "400") + f"{_perm(g, 10 ** 9):09d}"
        if pack > 1:
            if self.rng.random() < 0.5:
                return None
            case = "1" + body
            return case + check_digit(case)
        return "0" + body + check_digit(body)

    # --- rendering --------------------------------------------------------------------------------------------
    def _parts(self, fam: dict, variant: tuple, lang: str, house: bool):
        """(enum attribute words, quantity words, pack words) of one variant."""
        rng, unit = self.rng, TYPES[fam["type"]][3]
        enums, qty, pack = [], [], ""
        for (name, kind, _), value in zip(fam["axes"], variant):
            if kind in QUANTITY_KINDS:
                forms = quantity_forms(kind, value)
                qty.append(forms[0] if house else pick_form(forms, rng, lang))
            elif kind in PACK_KINDS:
                forms = pack_forms(kind, value, unit)
                pack = forms[0] if house else pick_form(forms, rng, lang)
            else:
                enums.append(enum_text(kind, value, rng, lang, house=house))
        return enums, qty, pack

    @staticmethod
    def _spec(qty: list[str], pack: str) -> str:
        if pack and qty and pack[0] in "×*x":
            return join(*qty[:-1], qty[-1] + pack)
        return join(*qty, pack)

    def _haitao(self, fam: dict, vi: int, sku: str) -> tuple[dict, dict]:
        rng, variant, brand = self.rng, fam["variants"][vi], fam["brand"]
        field, btitle = brand_house(brand)
        enums, qty, pack = self._parts(fam, variant, "zh", True)
        spec = self._spec(qty, pack)
        nouns = TYPES[fam["type"]][0].split("|")
        line = fam["line"][0] if fam["line_lang"] == "en" else fam["line"][1]
        title = join(btitle, line, nouns[0], *enums, spec)
        gtin14 = fam["gtins"][vi]
        gtin = house_gtin(gtin14) if gtin14 and rng.random() < P_HAITAO_GTIN else None
        row = {"sku": sku, "title": title, "brand": field, "gtin": gtin, "spec": join(*enums, spec),
               "hs_code": TYPES[fam["type"]][4], "origin_country": brand["country"]}
        row = {k: v for k, v in row.items() if v}
        export = {"id": sku, **{k: v for k, v in row.items() if k != "sku"}, "price": f"{fam['prices'][vi]}.00",
                  "vat_rate": "0.13", "stock": [{"warehouse": "宁波保税仓", "quantity": rng.randrange(0, 500)}]}
        if gtin:
            self.recent.append((gtin, brand["key"], brand.get("twin_of") or (brand.get("partner") or {}).get("key"),
                                fam["type"]))
        return row, export

    def _copied_gtin(self, fam: dict) -> str | None:
        brand = fam["brand"]
        related = {brand["key"], brand.get("twin_of"), (brand.get("partner") or {}).get("key")}
        for _ in range(8):
            if not self.recent:
                return None
            gtin, key, partner, type_key = self.rng.choice(self.recent)
            if key not in related and partner not in related and type_key != fam["type"]:
                return gtin
        return None

    def _acquired(self, fam: dict, vi: int, pid: str, truth_sku: str | None, haitao_gtin: bool) -> tuple[dict, list]:
        rng, variant, brand = self.rng, fam["variants"][vi], fam["brand"]
        tags: list[str] = []
        copied = None
        if (truth_sku is None and rng.random() < 0.03) or (truth_sku and not haitao_gtin and rng.random() < 0.05):
            copied = self._copied_gtin(fam)
        can_en = bool(brand["en"] or brand["pinyin"])
        r = rng.random()
        lang = "en" if r < 0.12 and can_en else "mixed" if r < 0.37 else "zh"
        tags.append("title_" + lang)
        field, btitle, btag = brand_acquired(brand, rng, lang, copied is not None, self.brands.typo_ok(brand))
        tags.append(btag)
        line_en, line_zh = fam["line"]
        if lang == "en":
            line = line_en
        else:
            swap = line_en != line_zh and rng.random() < 0.4
            use_en = (fam["line_lang"] == "en") != swap
            line = line_en if use_en else line_zh
            if swap:
                tags.append("line_lang_swapped")
        if rng.random() < 0.04:
            line = ""
            tags.append("line_missing")
        nouns_zh, nouns_en = (x.split("|") for x in TYPES[fam["type"]][:2])
        noun = rng.choice(nouns_en) if lang == "en" else rng.choice(nouns_zh)
        enums, qty, pack = self._parts(fam, variant, lang, False)
        spec = self._spec(qty, pack)
        field_enums = [e for e in enums if rng.random() < 0.15]
        title_enums = [e for e in enums if e not in field_enums]
        if field_enums:
            tags.append("attr_in_spec_field")
        r = rng.random()
        if not spec:
            placement = "none"
        elif r < 0.35:
            placement = "title"
        elif r < 0.62:
            placement = "field"
        elif r < 0.95:
            placement = "both"
        else:
            placement = "missing"
        tags.append("spec_" + placement)
        title_spec = spec if placement in ("title", "both") else ""
        field_spec = join(*field_enums, spec if placement in ("field", "both") else "")
        pre, post = marketing(rng, brand["country"]) if lang != "en" else ("", rng.choice(["", "", "Free Shipping", "Genuine"]))
        if pre or post:
            tags.append("marketing")
        t = rng.randrange(5)
        if lang == "en":
            attrs = ", ".join(title_enums)
            title = [join(btitle, line, noun, attrs, title_spec, post), join(line, "by", btitle, "-", noun, attrs, title_spec),
                     join(btitle, line, noun + (",", "")[not attrs], attrs + (",", "")[not title_spec], title_spec)][t % 3]
        else:
            title = [join(pre, btitle, line, noun, *title_enums, title_spec, post),
                     join(title_spec, btitle, line, noun, *title_enums),
                     join(pre, noun, btitle, line, *title_enums, title_spec, post),
                     join(btitle, noun, line, *title_enums, title_spec, post),
                     join(pre + btitle + line + noun, " ".join(title_enums), title_spec)][t]
        tags.append(f"template_{lang}{t % 3 if lang == 'en' else t}")
        merchant = rng.choice(MERCHANTS) if rng.random() < 0.75 else None
        if merchant and merchant[4] and rng.random() < 0.7:
            title, field = to_traditional(title), to_traditional(field) if field else field
            field_spec = to_traditional(field_spec)
            tags.append("traditional")
        gtin14 = fam["gtins"][vi]
        if copied:
            gtin = copied
            tags.append("gtin_copied_other_brand")
        elif gtin14 and rng.random() < P_ACQ_GTIN:
            gtin, gtag = acquired_gtin(gtin14, rng)
            tags.append(gtag)
        else:
            gtin = None
            tags.append("gtin_missing")
        row = {"id": pid, "title": title or noun, "price": f"{round(fam['prices'][vi] * rng.uniform(0.85, 1.15), 2):.2f}"}
        if merchant and merchant[0] != "m-self":
            row["merchant_id"] = merchant[0]
        if field:
            row["brand"] = field
        if gtin:
            row["gtin"] = gtin
        if field_spec:
            row["spec"] = field_spec
        hs = TYPES[fam["type"]][4]
        r = rng.random()
        if r < 0.65:
            row["hs_code"] = hs
        elif r < 0.8:
            row["hs_code"] = hs[:8]
        if rng.random() < 0.7:
            row["origin_country"] = brand["country"]
        if rng.random() < 0.5:
            row["stock"] = [{"warehouse": rng.choice(["香港仓", "保税仓", "海外仓"]), "quantity": rng.randrange(0, 300)}]
        if rng.random() < 0.05:
            row["status"] = "off_sale"
        return row, tags

    @staticmethod
    def _negative_kind(fam: dict, vi: int, in_catalog: set) -> str:
        if fam["twin"]:
            return "neg_lookalike_brand" + ("" if fam["kind"] == "shared" else "_line_absent")
        if not in_catalog:
            return "neg_line_absent"
        variant = fam["variants"][vi]
        best = None
        for ci in in_catalog:
            diff = [a[0] for a, x, y in zip(fam["axes"], variant, fam["variants"][ci]) if x != y]
            if best is None or len(diff) < len(best):
                best = diff
        return "neg_" + (best[0] if len(best) == 1 else "multi_axis")

    # --- writing ----------------------------------------------------------------------------------------------
    def run(self) -> dict:
        out, rng, size = self.out, self.rng, self.size
        for d in (out / "export", out / "haitao-export"):
            d.mkdir(parents=True, exist_ok=True)
        manifest = {"format_version": 1, "exported_at": "2026-11-29T09:00:00+08:00", "currency": "CNY"}
        (out / "export" / "manifest.json").write_text(json.dumps({**manifest, "platform": "yanxuan-global"}) + "\n")
        (out / "haitao-export" / "manifest.json").write_text(json.dumps({**manifest, "platform": "haitao"}) + "\n")
        with (out / "export" / "merchants.jsonl").open("w", encoding="utf-8") as handle:
            for mid, name, kind, country, _ in MERCHANTS:
                handle.write(json.dumps({"id": mid, "name": name, "kind": kind, "country": country}, ensure_ascii=False) + "\n")
        files = {name: path.open("w", encoding="utf-8") for name, path in {
            "catalog": out / "catalog.jsonl", "haitao": out / "haitao-export" / "products.jsonl",
            "export": out / "export" / "products.jsonl", "truth": out / "truth.json",
            "detail": out / "truth_detail.jsonl"}.items()}
        files["truth"].write("{")
        hai_buf: list = []
        acq_buf: list = []
        first_truth = [True]

        def flush_haitao():
            rng.shuffle(hai_buf)
            for row, export in hai_buf:
                files["catalog"].write(json.dumps(row, ensure_ascii=False) + "\n")
                files["haitao"].write(json.dumps(export, ensure_ascii=False) + "\n")
            hai_buf.clear()

        def flush_acquired():
            rng.shuffle(acq_buf)
            for row, detail in acq_buf:
                files["export"].write(json.dumps(row, ensure_ascii=False) + "\n")
                files["detail"].write(json.dumps(detail, ensure_ascii=False) + "\n")
                files["truth"].write(("" if first_truth[0] else ",\n") + f"{json.dumps(row['id'])}: {json.dumps(detail['truth'])}")
                first_truth[0] = False
            acq_buf.clear()

        fid = 0
        try:
            while self.hai_n < size or self.acq_n < size:
                fam = self._family(fid)
                fid += 1
                self.counts["families"] += 1
                self.counts["twin_families"] += fam["twin"]
                n = len(fam["variants"])
                in_catalog: dict[int, str] = {}
                if fam["kind"] in ("shared", "hai_only"):
                    chosen = [vi for vi in range(n) if rng.random() < P_IN_CATALOG] or [rng.randrange(n)]
                    for vi in chosen:
                        if self.hai_n >= size:
                            break
                        sku = f"HT{_perm(self.hai_n, 10 ** 8):08d}"
                        self.hai_n += 1
                        row, export = self._haitao(fam, vi, sku)
                        in_catalog[vi] = (sku, "gtin" in row)
                        hai_buf.append((row, export))
                if fam["kind"] == "hai_only":
                    continue
                remaining_h = size - self.hai_n
                mult = 2.0 if remaining_h <= 0 else min(2.0, max(0.5, (size - self.acq_n) / remaining_h))
                for vi in range(n):
                    if self.acq_n >= size:
                        break
                    p = P_LIST_CATALOG if vi in in_catalog else P_LIST_OTHER if fam["kind"] == "shared" else P_LIST_ABSENT
                    if rng.random() >= min(1.0, p * mult):
                        continue
                    pid = f"YX{_perm(self.acq_n, 10 ** 9, 15485863, 982451653):09d}"
                    self.acq_n += 1
                    sku, has_gtin = in_catalog.get(vi, (None, False))
                    row, tags = self._acquired(fam, vi, pid, sku, has_gtin)
                    if sku is None:
                        tags.append(self._negative_kind(fam, vi, set(in_catalog)))
                    self.counts["true_match" if sku else "no_match"] += 1
                    self.tags.update(tags)
                    acq_buf.append((row, {"id": pid, "truth": sku, "tags": tags, "key": f"{fam['fid']}:{vi}",
                                          "brand": fam["brand"]["key"]}))
                if len(hai_buf) >= CHUNK:
                    flush_haitao()
                if len(acq_buf) >= CHUNK:
                    flush_acquired()
            flush_haitao()
            flush_acquired()
            files["truth"].write("}\n")
        finally:
            for handle in files.values():
                handle.close()
        return self.counts


def generate(size: int, out: Path, seed: int = 7) -> Path:
    """Writes the set into ``out`` (see the module docstring) and returns ``out``."""
    out = Path(out)
    gen = Generator(size, out, seed)
    counts = gen.run()
    customers_truth, customer_tags = write_customers(size, seed, out / "haitao-export" / "customers.jsonl",
                                                     out / "export" / "customers.jsonl")
    (out / "customers_truth.json").write_text(json.dumps(customers_truth, ensure_ascii=False) + "\n", encoding="utf-8")
    (out / "aliases.json").write_text("{}\n", encoding="utf-8")
    stats = {"generator": "d", "seed": seed, "haitao_products": gen.hai_n, "acquired_products": gen.acq_n,
             "true_matches": counts["true_match"], "no_match": counts["no_match"], "families": counts["families"],
             "twin_families": counts["twin_families"], "brands": len(gen.brands.all),
             "customers": {"per_side": len(customers_truth), "linked": sum(v is not None for v in customers_truth.values()),
                           "tags": dict(sorted(customer_tags.items()))},
             "tags": dict(sorted(gen.tags.items()))}
    (out / "stats.json").write_text(json.dumps(stats, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return out
