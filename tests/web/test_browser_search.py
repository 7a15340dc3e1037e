"""End to end in headless Chromium: a buyer searches a storefront in Chinese, narrows the results with
a facet, sorts them by price, and follows the "did you mean" of a misspelt brand."""

import re

import pytest

from haitao.catalog.models import Category
from tests import factories


pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FORMULA = [  # code, goods brand, zh brand, zh title, en title, price
    ("FRI-2", "Friso", "美素佳儿", "美素佳儿金装 2段 900g", "Friso Gold Stage 2 900g", "268.00"),
    ("FRI-3", "Friso", "美素佳儿", "美素佳儿金装 3段 900g", "Friso Gold Stage 3 900g", "248.00"),
    ("APT-2", "Aptamil", "爱他美", "爱他美白金版 2段 800g", "Aptamil Profutura Stage 2 800g", "378.00"),
]


@pytest.fixture
def formula_shelf(shop):
    category = Category.objects.get(slug="formula")
    for code, brand, brand_zh, title, title_en, price in FORMULA:
        sku = factories.sku(code=code, category=category, brand_name=brand, brand_name_zh=brand_zh, title=title,
                            title_en=title_en, gmodel=title)
        factories.stock(sku, 20, shop["warehouse"])
        factories.listed(shop["dolphin"], sku, price)
    return shop


def _skus(page) -> list[str]:
    links = page.locator(".results .product-card a.card-link").evaluate_all("els => els.map(e => e.href)")
    return [re.search(r"/p/([^/]+)/", href).group(1) for href in links]


def test_search_with_facets_and_sorting(live_server, browser_page, formula_shelf):
    page = browser_page
    page.goto(f"{live_server.url}/s/dolphin/")
    page.fill("form.search input[name=q]", "奶粉")
    page.press("form.search input[name=q]", "Enter")
    page.wait_for_selector("#facets")
    assert set(_skus(page)) == {"APT-1", "APT-2", "FRI-2", "FRI-3", "SER-1"}  # the test SKUs are all formula

    page.click("[data-facet=brand] a:has-text('Friso')")
    page.wait_for_url(re.compile(r"brand=Friso"))
    assert set(_skus(page)) == {"FRI-2", "FRI-3"}
    assert page.locator("[data-facet=brand] a.chosen").count() == 1

    page.click("#sort a[data-sort=price_asc]")
    page.wait_for_url(re.compile(r"sort=price_asc"))
    assert _skus(page) == ["FRI-3", "FRI-2"]
    page.click("#sort a[data-sort=price_desc]")
    page.wait_for_url(re.compile(r"sort=price_desc"))
    assert _skus(page) == ["FRI-2", "FRI-3"]

    page.click("[data-facet=brand] a.chosen")  # drop the brand filter again
    page.wait_for_url(lambda url: "brand=" not in url)
    assert _skus(page)[:2] == ["SER-1", "APT-2"]  # the dearest first, still sorted by price

    page.goto(f"{live_server.url}/s/dolphin/search/?q=aptemil")
    assert "Aptamil" in page.inner_text("#did-you-mean")
    page.click("#did-you-mean a")
    page.wait_for_url(re.compile(r"q=Aptamil"))
    assert set(_skus(page)) == {"APT-1", "APT-2"}
