"""GET /api/v1/brands/{code}/products with q, sort, facet filters and facet counts; bad input is a 422
with a machine-readable code, never a 500."""

import pytest

pytestmark = pytest.mark.django_db
URL = "/api/v1/brands/dolphin/products"


def test_search_sort_and_facets(client, catalog):
    body = client.get(URL, {"q": "奶粉", "sort": "price_asc", "facets": "true"}).json()
    assert [item["sku"] for item in body["items"]] == ["FRI-3", "APT-1", "APT-3", "EST-1"]
    assert body["count"] == 4
    brands = {v["value"]: v["count"] for v in body["facets"]["brand"]}
    assert brands == {"Aptamil": 2, "Friso": 1, "Estée Lauder": 1}
    assert {v["value"] for v in body["facets"]["mode"]} == {"1210", "9610"}
    assert set(body["facets"]) == {"brand", "category", "origin", "mode", "price"}


def test_filters(client, catalog):
    body = client.get(URL, {"q": "奶粉", "goods_brand": "Aptamil", "sort": "price_desc"}).json()
    assert [item["sku"] for item in body["items"]] == ["APT-3", "APT-1"]
    assert [i["sku"] for i in client.get(URL, {"mode": "9610"}).json()["items"]] == ["FRI-3"]
    assert {i["sku"] for i in client.get(URL, {"origin": "AU"}).json()["items"]} == {"PEN-1"}
    assert {i["sku"] for i in client.get(URL, {"category": "wine", "price": 1}).json()["items"]} == {"CLB-1"}


def test_did_you_mean_and_the_plain_page_shape(client, catalog):
    body = client.get(URL, {"q": "aptemil"}).json()
    assert body["did_you_mean"] == "Aptamil" and body["count"] == 2
    plain = client.get(URL, {"q": "红酒"}).json()
    assert set(plain) == {"count", "items"} and plain["items"][0]["sku"] == "PEN-1"


@pytest.mark.parametrize("params,code,field", [
    ({"sort": "cheapest"}, "invalid_sort", "sort"),
    ({"mode": "1211"}, "invalid_mode", "mode"),
    ({"price": 9}, "invalid_price_band", "price"),
    ({"price": "cheap"}, "invalid_request", "price"),
    ({"facets": "maybe"}, "invalid_request", "facets"),
    ({"q": "x" * 201}, "invalid_request", "q"),
])
def test_bad_input_is_a_422_with_a_code(client, catalog, params, code, field):
    response = client.get(URL, params)
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == code and error["field"] == field


@pytest.mark.parametrize("q", ["'", '"', "(", "a & b | !c", "*", "NEAR(a b)", "a:b", "--", "\\", "％",
                               "' OR 1=1 --", "😀", "ـ", "　"])
def test_odd_queries_never_fail(client, catalog, q):
    assert client.get(URL, {"q": q}).status_code == 200


def test_a_nul_in_the_query_is_refused_at_the_edge(client, catalog):
    response = client.get(URL, {"q": "a\x00b"})
    assert response.status_code == 400 and response.json()["error"]["code"] == "nul_character"


def test_search_parameters_are_in_the_openapi_document(client):
    spec = client.get("/api/openapi.json").json()
    operation = next(op["get"] for path, op in spec["paths"].items() if path.endswith("/brands/{code}/products"))
    names = {p["name"] for p in operation["parameters"]}
    assert {"q", "sort", "goods_brand", "origin", "mode", "price", "facets", "category"} <= names
