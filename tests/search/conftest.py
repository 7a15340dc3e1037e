"""A small catalog in two storefronts for the search tests: what each buyer query should find."""

from decimal import Decimal

import pytest

from haitao.catalog.models import Category
from tests import factories


def _sku(code, category, brand, brand_zh, title, title_en, origin="DE", **kw):
    return factories.sku(code=code, category=category, brand_name=brand, brand_name_zh=brand_zh, title=title,
                         title_en=title_en, origin_country=origin, gmodel=title, **kw)


@pytest.fixture
def catalog(db):
    cats = {slug: Category.objects.get_or_create(slug=slug, defaults={"name": zh, "name_en": en, "position": i})[0]
            for i, (slug, zh, en) in enumerate([("formula", "奶粉", "Infant formula"), ("wine", "葡萄酒", "Wine"),
                                                ("diapers", "纸尿裤", "Diapers"), ("watches", "腕表", "Watches")])}
    dolphin, wombat = factories.brand("dolphin"), factories.brand("wombat")
    bonded = factories.warehouse()
    overseas = factories.warehouse("de-direct", kind="overseas")
    skus = {
        "APT-3": _sku("APT-3", cats["formula"], "Aptamil", "爱他美", "爱他美白金版 3段 800g",
                      "Aptamil Profutura Stage 3 800g"),
        "APT-1": _sku("APT-1", cats["formula"], "Aptamil", "爱他美", "爱他美白金版 1段 800g",
                      "Aptamil Profutura Stage 1 800g"),
        "FRI-3": _sku("FRI-3", cats["formula"], "Friso", "美素佳儿", "美素佳儿金装 3段 900g", "Friso Gold Stage 3 900g",
                      origin="NL"),
        "PEN-1": _sku("PEN-1", cats["wine"], "Penfolds", "奔富", "奔富 Bin 389 赤霞珠设拉子红葡萄酒 750ml",
                      "Penfolds Bin 389 Cabernet Shiraz 750ml", origin="AU"),
        "CLB-1": _sku("CLB-1", cats["wine"], "Cloudy Bay", "云雾之湾", "云雾之湾 长相思白葡萄酒 750ml",
                      "Cloudy Bay Sauvignon Blanc 750ml", origin="NZ"),
        "PAM-M": _sku("PAM-M", cats["diapers"], "Pampers", "帮宝适", "帮宝适 一级帮 纸尿裤 M 64片",
                      "Pampers Ichiban Diapers M 64", origin="JP"),
        "TIS-1": _sku("TIS-1", cats["watches"], "Tissot", "天梭", "天梭 力洛克 自动机械表 39mm",
                      "Tissot Le Locle Powermatic 80 39mm automatic", origin="CH"),
        "EST-1": _sku("EST-1", cats["formula"], "Estée Lauder", "雅诗兰黛", "雅诗兰黛 小棕瓶 50ml",
                      "Estée Lauder Advanced Night Repair 50ml", origin="US"),
    }
    prices = {"APT-3": "368.00", "APT-1": "358.00", "FRI-3": "298.00", "PEN-1": "520.00", "CLB-1": "260.00",
              "PAM-M": "139.00", "TIS-1": "4800.00", "EST-1": "690.00"}
    for code, sku in skus.items():
        factories.listed(dolphin, sku, prices[code])
        factories.stock(sku, 10, overseas if code == "FRI-3" else bonded)
    factories.listed(wombat, skus["APT-3"], "388.00")
    return {"dolphin": dolphin, "wombat": wombat, "skus": skus, "categories": cats,
            "prices": {k: Decimal(v) for k, v in prices.items()}}
