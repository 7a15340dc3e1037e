"""The lexicon reads each goods brand once, not once per SKU: at 100k SKUs the per-SKU read cost 100k
pinyin conversions (40 s) on the first search after any SKU, category or synonym was saved."""

import pytest

from haitao.catalog.models import Sku
from haitao.catalog.search import lexicon

pytestmark = pytest.mark.django_db


def test_the_lexicon_reads_each_goods_brand_and_title_once(catalog, monkeypatch):
    seen = {}
    build = lexicon.build

    def spy(synonyms, categories, brands, titles):
        seen.update(brands=brands, titles=titles)
        return build(synonyms, categories, brands, titles)

    monkeypatch.setattr(lexicon, "build", spy)
    lexicon._load()
    pairs = set(Sku.objects.values_list("brand_name", "brand_name_zh"))
    assert len(pairs) < Sku.objects.count()  # two Aptamil SKUs in the fixture
    assert sorted(seen["brands"]) == sorted(pairs)
    assert len(seen["titles"]) == len(set(seen["titles"]))
