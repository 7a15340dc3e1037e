"""Generator g: who is listed where. Families are drawn one after another; each variant becomes a haitao SKU that
is also listed (a positive), a SKU only, a sibling listed although haitao lacks it (other_variant), or nothing.
Other families give absent lines and unknown brands; catalog products give lookalikes and GTINs to copy. Every
kind has a quota drawn at the start and is picked in proportion to what is left of it, so the catalog and the
export come out at exactly ``size`` rows each."""

from __future__ import annotations

import random
from collections.abc import Callable

from .generate_g_gtin import export_form
from .generate_g_world import Product, World

NEGATIVE_SHARES = {"other_variant": 0.42, "absent_line": 0.16, "lookalike_brand": 0.14, "unknown_brand": 0.16,
                   "copied_gtin": 0.12}
RESERVOIR = 400


def _quotas(size: int, rng: random.Random) -> dict[str, int]:
    positives = round(size * rng.uniform(0.45, 0.55))
    dup_pos = round(positives * 0.05)
    negatives = size - positives
    dup_neg = round(negatives * 0.03)
    q = {"listed": positives - dup_pos, "only": size - (positives - dup_pos), "dup_pos": dup_pos, "dup_neg": dup_neg,
         "gtin": round(size * rng.uniform(0.84, 0.91))}
    rest = negatives - dup_neg
    for kind, share in NEGATIVE_SHARES.items():
        q[kind] = round(rest * share)
    q["other_variant"] += rest - sum(q[k] for k in NEGATIVE_SHARES)
    return q


class Maker:
    def __init__(self, world: World, rng: random.Random, size: int,
                 on_catalog: Callable[[Product, int, bool], tuple[str, str | None]],
                 on_listing: Callable[[Product, str | None, list[str], str | None], None]) -> None:
        self.world, self.rng, self.size = world, rng, size
        self.on_catalog, self.on_listing = on_catalog, on_listing
        self.q = _quotas(size, rng)
        self.catalog_count = 0
        self.reservoir: list[tuple[Product, str, str | None]] = []  # (product, sku, catalog GTIN)
        self.catalog_brands: set[str] = set()

    def run(self) -> None:
        q = self.q
        while True:
            if q["listed"] + q["only"] == 0:
                q["absent_line"] += q["other_variant"]
                q["other_variant"] = 0
            with_gtin = [p for p in self.reservoir if p[2]]
            tasks = {"normal": q["listed"] + q["only"] + q["other_variant"], "absent": q["absent_line"],
                     "unknown": q["unknown_brand"], "lookalike": q["lookalike_brand"] if self.reservoir else 0,
                     "copied": q["copied_gtin"] if with_gtin else 0}
            if not any(tasks.values()):
                break
            task = self.rng.choices(list(tasks), list(tasks.values()))[0]
            getattr(self, task)(with_gtin)

    # --- tasks

    def normal(self, _) -> None:
        q, rng = self.q, self.rng
        fam = self.world.family()
        in_catalog: list[Product] = []
        for values in self.world.variants(fam):
            weights = {"listed": q["listed"], "only": q["only"], "other_variant": q["other_variant"] if in_catalog else 0}
            if not in_catalog and not weights["listed"] + weights["only"]:
                return
            unused = 0.3 * sum(weights.values()) if in_catalog else 0
            if not sum(weights.values()) + unused:
                return
            role = rng.choices([*weights, "unused"], [*weights.values(), unused])[0]
            if role == "unused":
                continue
            q[role] -= 1
            product = self.world.product(fam, values)
            if role == "other_variant":
                near = min(in_catalog, key=lambda c: _differ(c, product))
                diff = [f"other_{n}" for (n, _, a), (_, _, b) in zip(near.values, product.values) if a != b]
                self.negative(product, ["other_variant", *diff])
                continue
            sku, gtin = self.catalog(product)
            in_catalog.append(product)
            if role == "listed":
                self.positive(product, sku, gtin)

    def absent(self, _) -> None:
        self._family_negatives(self.world.family(), "absent_line")

    def unknown(self, _) -> None:
        self._family_negatives(self.world.family(unknown=True), "unknown_brand")

    def _family_negatives(self, fam, kind: str) -> None:
        for values in self.world.variants(fam)[:self.rng.choice((1, 1, 2, 3))]:
            if self.q[kind] == 0:
                return
            self.q[kind] -= 1
            self.negative(self.world.product(fam, values), [kind])

    def lookalike(self, _) -> None:
        product, _, _ = self.reservoir.pop(self.rng.randrange(len(self.reservoir)))
        look = self.world.lookalike(product)
        if look is not None:
            self.q["lookalike_brand"] -= 1
            self.negative(look, ["lookalike_brand"])

    def copied(self, with_gtin: list) -> None:
        target, _, gtin = self.rng.choice(with_gtin)
        cats = [c for c in self.world.cats if c is not target.cat]
        fam = self.world.family(unknown=self.rng.random() < 0.5, cat=self.rng.choice(cats))
        while fam.brand.id == target.brand.id:
            fam = self.world.family(unknown=True, cat=self.rng.choice(cats))
        host = self.world.product(fam, self.world.variants(fam)[0])
        self.q["copied_gtin"] -= 1
        tags = ["copied_gtin", "copied_from_other_category"]
        self.on_listing(host, None, tags, gtin if self.rng.random() < 0.7 else gtin.zfill(14))

    # --- emitting

    def catalog(self, product: Product) -> tuple[str, str | None]:
        q = self.q
        with_gtin = self.rng.random() * (self.size - self.catalog_count) < q["gtin"]
        if with_gtin:
            q["gtin"] -= 1
        self.catalog_count += 1
        sku, gtin = self.on_catalog(product, self.catalog_count - 1, with_gtin)
        self.catalog_brands.add(product.brand.id)
        if len(self.reservoir) < RESERVOIR:
            self.reservoir.append((product, sku, gtin))
        else:
            self.reservoir[self.rng.randrange(RESERVOIR)] = (product, sku, gtin)
        return sku, gtin

    def positive(self, product: Product, sku: str, catalog_gtin: str | None) -> None:
        q = self.q
        dup = self.rng.random() * (q["listed"] + 1) < q["dup_pos"]
        gtin, tags = export_form(product.gtin, catalog_gtin, self.rng)
        if dup:
            q["dup_pos"] -= 1
            gtin, tags = self._valid(product, gtin, tags), tags + ["in_export_duplicate"]
            self.on_listing(product, sku, tags, gtin)
            self.on_listing(product, sku, [t for t in tags if t.startswith("gtin_")] + ["in_export_duplicate"], gtin)
            return
        self.on_listing(product, sku, tags, gtin)

    def negative(self, product: Product, tags: list[str]) -> None:
        q = self.q
        left = sum(q[k] for k in NEGATIVE_SHARES if k != "copied_gtin") + 1
        gtin, gtags = export_form(product.gtin, None, self.rng)
        if self.rng.random() * left < q["dup_neg"]:
            q["dup_neg"] -= 1
            gtin = self._valid(product, gtin, gtags)
            self.on_listing(product, None, tags + gtags + ["in_export_duplicate"], gtin)
            self.on_listing(product, None, tags + gtags + ["in_export_duplicate"], gtin)
            return
        self.on_listing(product, None, tags + gtags, gtin)

    @staticmethod
    def _valid(product: Product, gtin: str | None, tags: list[str]) -> str:
        """A duplicated listing shows its GTIN (the same on both copies): a missing or spoilt one is put right."""
        if "no_gtin" in tags or "gtin_invalid" in tags:
            tags[:] = [t for t in tags if t not in ("no_gtin", "gtin_invalid")]
            return product.gtin
        return gtin


def _differ(a: Product, b: Product) -> int:
    return sum(1 for x, y in zip(a.values, b.values) if x != y)
