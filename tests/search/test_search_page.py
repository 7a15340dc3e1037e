"""The storefront search page in both languages: facet links, sort links, did-you-mean; a hand-edited
URL with a bad sort or filter is ignored, not an error."""

import pytest

pytestmark = pytest.mark.django_db
URL = "/s/dolphin/search/"


def test_zh_page_has_facets_and_sorting(client, catalog):
    page = client.get(URL, {"q": "奶粉", "lang": "zh-hans"}, follow=True).text
    assert "排序" in page and "价格从低到高" in page and "品牌" in page and "发货方式" in page
    assert 'data-facet="brand"' in page and "Friso" in page
    assert "/s/dolphin/p/APT-3/" in page


def test_en_page_and_did_you_mean(client, catalog):
    page = client.get(URL, {"q": "aptemil", "lang": "en"}, follow=True).text
    assert "Sort by" in page and "Price: low to high" in page and "Did you mean" in page
    assert 'id="did-you-mean"' in page and "Aptamil" in page


def test_filters_and_sort_apply(client, catalog):
    page = client.get(URL, {"q": "奶粉", "brand": "Friso"}).text
    assert "/s/dolphin/p/FRI-3/" in page and "/s/dolphin/p/APT-3/" not in page
    page = client.get(URL, {"q": "奶粉", "sort": "price_desc"}).text
    assert page.index("/s/dolphin/p/EST-1/") < page.index("/s/dolphin/p/APT-3/") < page.index("/s/dolphin/p/FRI-3/")


@pytest.mark.parametrize("params", [{"q": "奶粉", "sort": "cheapest"}, {"q": "奶粉", "mode": "x"},
                                    {"q": "奶粉", "price": "lots"}, {"brand": "Nobody"}])
def test_bad_controls_are_ignored(client, catalog, params):
    assert client.get(URL, params).status_code == 200
