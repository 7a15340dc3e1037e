from decimal import Decimal

import pytest

from haitao.consolidation.reader import (
    ManifestError, Quarantined, SourceCustomer, SourceOrder, SourceProduct, open_export, read_jsonl,
)

PRODUCT = {"id": "p1", "title": "爱他美 3段 800g", "price": "199.00"}
ORDER = {"id": "o1", "customer_id": "c1", "placed_at": "2026-03-01T10:00:00+08:00", "status": "paid",
         "lines": [{"product_id": "p1", "quantity": 2, "unit_price": "99.50"}],
         "freight": "0", "discount": "10.00", "tax_total": "18.21", "actual_paid": "207.21"}


def items(folder, kind):
    return list(open_export(folder).read(kind))


def test_valid_product_is_typed_with_decimals(export_dir):
    folder = export_dir(products=[{**PRODUCT, "vat_rate": "0.13", "stock": [{"warehouse": "HZ", "quantity": 5}]}])
    [product] = items(folder, "products")
    assert isinstance(product, SourceProduct)
    assert product.price == Decimal("199.00") and isinstance(product.price, Decimal)
    assert product.vat_rate == Decimal("0.13")
    assert product.stock[0].quantity == 5
    assert product.status == "on_sale"


def test_json_numbers_are_decimal_never_float(export_dir):
    folder = export_dir(products=['{"id": "p1", "title": "t", "price": 0.1}'])
    [product] = items(folder, "products")
    assert product.price == Decimal("0.1")


@pytest.mark.parametrize("line, reason", [
    ("{not json", "not valid JSON"),
    ('["a list"]', "not a JSON object"),
    ({"id": "p1", "title": "t"}, "price: missing"),
    ({"id": "p1", "title": "t", "price": None}, "price: missing"),
    ({"id": "p1", "title": "t", "price": "12,50"}, "price: not a decimal"),
    ({"id": "p1", "title": "t", "price": "abc"}, "price: not a decimal"),
    ({"id": "p1", "title": "t", "price": True}, "price: not a decimal"),
    ({"id": "p1", "title": "t", "price": "-1"}, "price: negative"),
    ({"id": "p1", "title": 5, "price": "1"}, "title: not a string"),
    ({"id": "p1", "title": "t", "price": "1", "status": "gone"}, "status: unknown value 'gone'"),
    ({"id": "p1", "title": "t", "price": "1", "vat_rate": "13"}, "vat_rate: not a rate between 0 and 1"),
    ({"id": "p1", "title": "t", "price": "1", "hs_code": "33"}, "hs_code: not 8 or 10 digits"),
    ({"id": "p1", "title": "t", "price": "1", "stock": [{"warehouse": "HZ", "quantity": "x"}]},
     "stock[0].quantity: not an integer"),
    ({"id": "p1", "title": "t", "price": "1", "stock": [{"quantity": 1}]}, "stock[0].warehouse: missing"),
])
def test_bad_product_lines_are_quarantined_with_a_precise_reason(export_dir, line, reason):
    folder = export_dir(products=[PRODUCT | {"id": "ok"}, line])
    result = items(folder, "products")
    assert isinstance(result[0], SourceProduct)
    assert isinstance(result[1], Quarantined)
    assert result[1].file == "products.jsonl"
    assert result[1].line == 2
    assert result[1].reason.startswith(reason)


@pytest.mark.parametrize("change, reason", [
    ({"placed_at": "yesterday"}, "placed_at: not an ISO 8601 timestamp"),
    ({"placed_at": "2026-03-01T10:00:00"}, "placed_at: timestamp has no UTC offset"),
    ({"status": "lost"}, "status: unknown value 'lost'"),
    ({"lines": []}, "lines: empty"),
    ({"lines": [{"product_id": "p1", "quantity": 0, "unit_price": "1"}]}, "lines[0].quantity: not a positive integer"),
    ({"lines": [{"product_id": "p1", "quantity": 1, "unit_price": "x"}]}, "lines[0].unit_price: not a decimal"),
    ({"mode": "1111"}, "mode: unknown value '1111'"),
    ({"actual_paid": None}, "actual_paid: missing"),
])
def test_bad_orders_are_quarantined(export_dir, change, reason):
    folder = export_dir(orders=[ORDER | change])
    [item] = items(folder, "orders")
    assert item == Quarantined("orders.jsonl", 1, item.reason)
    assert item.reason.startswith(reason)


def test_valid_order_and_quota_statuses(export_dir):
    folder = export_dir(orders=[ORDER, ORDER | {"id": "o2", "status": "cancelled"}])
    paid, cancelled = items(folder, "orders")
    assert isinstance(paid, SourceOrder) and paid.lines[0].unit_price == Decimal("99.50")
    assert paid.placed_at.utcoffset() is not None
    assert paid.counts_toward_quota and not cancelled.counts_toward_quota


def test_unknown_fields_are_kept_as_extra(export_dir):
    folder = export_dir(products=[PRODUCT | {"koala_category": "奶粉", "rating": 4.8}])
    [product] = items(folder, "products")
    assert product.extra == {"koala_category": "奶粉", "rating": Decimal("4.8")}


def test_blank_lines_are_skipped_but_counted_for_line_numbers(export_dir):
    folder = export_dir(products=[PRODUCT, "", "   ", "{bad"])
    result = items(folder, "products")
    assert len(result) == 2
    assert result[1] == Quarantined("products.jsonl", 4, "not valid JSON")


def test_duplicate_ids_are_quarantined(export_dir):
    folder = export_dir(products=[PRODUCT, PRODUCT | {"title": "again"}])
    first, second = items(folder, "products")
    assert first.title == "爱他美 3段 800g"
    assert second == Quarantined("products.jsonl", 2, "id: duplicate of line 1")


def test_invalid_utf8_line_is_quarantined(tmp_path):
    path = tmp_path / "products.jsonl"
    path.write_bytes(b'{"id": "p1", "title": "\xff", "price": "1"}\n')
    [item] = read_jsonl(path, "products")
    assert item == Quarantined("products.jsonl", 1, "not valid UTF-8")


def test_missing_file_means_kind_not_imported(export_dir):
    folder = export_dir(products=[PRODUCT])
    export = open_export(folder)
    assert export.has("products") and not export.has("customers")
    assert export.kinds == ("products",)
    assert list(export.customers()) == []


def test_customer_personal_data_is_not_in_repr(export_dir):
    folder = export_dir(customers=[{"id": "c1", "name": "王伟", "id_number": "11010519491231002X",
                                    "phone": "+86 138-0013-8000"}])
    [customer] = items(folder, "customers")
    assert isinstance(customer, SourceCustomer)
    assert customer.id_number == "11010519491231002X"
    assert "11010519491231002X" not in repr(customer) and "138" not in repr(customer)


def test_merchant_kind_is_an_enum(export_dir):
    folder = export_dir(merchants=[{"id": "m1", "name": "Koala", "kind": "self_operated"},
                                   {"id": "m2", "name": "X", "kind": "shop"}])
    ok, bad = items(folder, "merchants")
    assert ok.kind == "self_operated"
    assert bad.reason.startswith("kind: unknown value 'shop'")


@pytest.mark.parametrize("manifest, message", [
    (None, "manifest.json is missing"),
    ("{oops", "not valid JSON"),
    ({"platform": "koala", "exported_at": "2026-11-01T08:00:00+08:00"}, "format_version: missing"),
    ({"format_version": 2, "platform": "koala", "exported_at": "2026-11-01T08:00:00+08:00"}, "format_version 2 is not supported"),
    ({"format_version": 1, "platform": "koala", "exported_at": "2026-11-01"}, "exported_at: timestamp has no UTC offset"),
    ({"format_version": 1, "exported_at": "2026-11-01T08:00:00+08:00"}, "platform: missing"),
])
def test_bad_manifest_is_fatal(export_dir, manifest, message):
    with pytest.raises(ManifestError, match=message):
        open_export(export_dir(manifest=manifest))


def test_manifest_defaults_currency_and_keeps_extra(export_dir):
    export = open_export(export_dir(manifest={"format_version": 1, "platform": "koala",
                                              "exported_at": "2026-11-01T08:00:00+08:00", "note": "x"}))
    assert export.manifest.currency == "CNY"
    assert export.manifest.platform == "koala"
    assert export.manifest.extra == {"note": "x"}


def test_streaming_reads_a_large_file_lazily(tmp_path):
    path = tmp_path / "products.jsonl"
    with path.open("w") as out:
        for i in range(50_000):
            out.write(f'{{"id": "p{i}", "title": "t", "price": "1.00"}}\n')
    reader = read_jsonl(path, "products")
    first = next(reader)  # a generator: nothing else is parsed yet
    assert first.id == "p0"
    assert sum(1 for _ in reader) == 49_999
