"""The merge end to end: the kiwi sample into an empty haitao and into the demo; dry run; re-run;
a run killed half-way and started again."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import transaction

from haitao.accounts.models import Customer, Identity
from haitao.brands.models import Brand, Merchant
from haitao.catalog.models import Listing, Sku
from haitao.consolidation import services
from haitao.consolidation.models import ConsolidationRun, ReviewItem, SourceRecord
from haitao.inventory.models import Stock, Warehouse
from haitao.orders.models import Order

from .conftest import SAMPLE, row_counts

pytestmark = pytest.mark.django_db


def consolidate(**kw):
    return services.consolidate(SAMPLE, "kiwi", **kw)


def test_into_an_empty_haitao_the_platform_becomes_the_catalog(fast_passwords):
    report = consolidate()
    counts = report["counts"]
    assert counts["products"] == {"read": 61, "matched": 0, "created": 56, "review": 0, "quarantined": 5}
    assert counts["customers"]["created"] == 14 and counts["customers"]["linked"] == 0
    brand = Brand.objects.get(code="kiwi")
    assert (brand.name, brand.name_en) == ("奇异果海购", "Kiwi Import")
    assert Sku.objects.count() == 56 and Listing.objects.filter(brand=brand).count() == 56
    # no positive list is loaded in an empty haitao: nothing is CBEC-sellable, every listing is hidden, with why
    assert not Listing.objects.filter(visible=True).exists()
    assert len([n for n in report["notes"] if n["kind"] == "listing_invisible"]) == 55  # kp043 is off sale
    assert Sku.objects.get(code="KIWI-KP001").category.slug == "formula"
    assert Sku.objects.get(code="KIWI-KP041").category.slug == "imported"
    customer = Customer.objects.get(user__username="kiwi-kc08@import.haitao")
    assert not customer.user.has_usable_password() and customer.identity.id_hash
    assert not Identity.objects.filter(customer__user__username="kiwi-kc13@import.haitao").exists()  # bad checksum
    assert Order.objects.filter(source="kiwi").count() == counts["orders"]["imported"] == 17
    assert ConsolidationRun.objects.get().status == ConsolidationRun.Status.COMPLETED


def test_into_the_demo(demo_db):
    demo_skus = Sku.objects.count()
    hz = Stock.objects.filter(sku__code="FM-APT-01", warehouse__code="hz-bonded")
    hz_before = dict(hz.values_list("owner__code", "on_hand"))
    report = consolidate()
    decisions = {row["source_id"]: row for row in report["products"]}
    assert decisions["kp001"]["decision"] == "matched" and decisions["kp001"]["sku"] == "FM-APT-01"
    assert decisions["kp014"]["sku"] == "FM-FRG-02"  # an English title against a Chinese one
    for hard_negative in ("kp023", "kp024", "kp025", "kp026", "kp027", "kp028"):  # other stage, size, pack
        assert decisions[hard_negative]["decision"] == "created", hard_negative
    # kp004's GTIN is the ANR serum's: an equal GTIN matches though its title (小棕瓶) shares no word with it
    assert decisions["kp004"]["decision"] == "matched" and decisions["kp004"]["sku"] == "SC-ESL-01"
    # 红腰子 is Shiseido's Ultimune (product_lines.csv); "兰蔻 精华 50ml" names no line: an operator decides;
    # kp046 (DHA for pregnancy against DHA for kids) and kp052 (a Penfolds wine the catalog lacks) go to review
    assert decisions["kp056"]["decision"] == "matched" and decisions["kp056"]["sku"] == "SC-SHI-02"
    assert {s for s, d in decisions.items() if d["decision"] == "review"} == {"kp046", "kp052", "kp054", "kp055"}
    counts = report["counts"]["products"]
    assert Sku.objects.count() == demo_skus + counts["created"]
    kiwi = Brand.objects.get(code="kiwi")
    listing = Listing.objects.get(brand=kiwi, sku__code="FM-APT-01")
    assert listing.price == Decimal("329.00") and listing.visible
    assert listing.merchant == Merchant.objects.get(code="kiwi-self")  # m1: the platform itself
    assert Listing.objects.get(brand=kiwi, sku__code="HS-SWI-01").merchant.code == "southern-cross"  # by name
    # the received units are the selling merchant's own stock (issue 13): other owners' rows are untouched
    assert dict(hz.values_list("owner__code", "on_hand")) == {**hz_before, "kiwi-self": 40}
    created_wh = Warehouse.objects.get(name="奇异果奥克兰直邮仓")
    assert created_wh.kind == Warehouse.Kind.OVERSEAS and not created_wh.active
    assert created_wh.code in [w["warehouse"] for w in report["warehouses"]]
    assert {(c["sku"], c["field"]) for c in report["conflicts"]} == {
        ("SC-KIE-01", "hs_code"), ("SC-KIE-01", "origin_country"), ("SC-KIE-01", "vat_rate")}
    # customers: ID number, phone + name, same name only, partial → review
    people = {row["source_id"]: row for row in report["customers"]}
    demo = Customer.objects.get(user__username="demo@haitao.test")
    assert people["kc01"] == {"source_id": "kc01", "decision": "linked", "customer": str(demo.pk), "reasons": ["id_number"]}
    assert people["kc04"]["decision"] == "linked" and people["kc04"]["reasons"] == ["phone", "name"]
    assert people["kc06"]["decision"] == "created"  # 杨帆: the same name alone is not enough
    assert people["kc07"]["decision"] == "review"
    assert SourceRecord.objects.get(platform="kiwi", kind="customer", source_id="kc01").target == str(demo.pk)
    assert ReviewItem.objects.filter(state="pending").count() == 5  # the four products above and kc07
    # the linked account keeps its one login and now has kiwi history
    assert Order.objects.filter(customer=demo, brand=kiwi, source="kiwi").count() == 3


def test_dry_run_changes_no_row_and_reports_what_would_happen(demo_db):
    before = row_counts(exclude=())
    dry = consolidate(dry_run=True)
    assert row_counts(exclude=()) == before
    assert dry["dry_run"] is True
    real = consolidate()
    assert real["dry_run"] is False
    assert dry["counts"] == real["counts"]
    assert dry["products"] == real["products"]


def test_re_running_the_same_folder_changes_nothing(demo_db):
    first = consolidate()
    after_first = row_counts()
    second = consolidate()
    assert row_counts() == after_first
    assert second["counts"] == first["counts"]
    assert second["products"] == first["products"] and second["customers"] == first["customers"]
    assert second["skipped_existing"] == {"merchants": 5, "products": 56, "customers": 14, "orders": 15}
    assert ConsolidationRun.objects.filter(status="completed").count() == 2


def _clean_run_fingerprint():
    """Row counts after an uninterrupted run, measured inside a savepoint that is then rolled back."""
    class Undo(Exception):
        pass

    try:
        with transaction.atomic():
            report = consolidate(batch_size=4)
            counts = row_counts()
            raise Undo
    except Undo:
        pass
    return counts, report


@pytest.mark.parametrize("kind,batch", [("products", 3), ("customers", 2), ("orders", 4)])
def test_a_run_killed_half_way_completes_without_duplicates(demo_db, monkeypatch, kind, batch):
    expected, expected_report = _clean_run_fingerprint()
    before = row_counts()

    def crash(k, number):
        if (k, number) == (kind, batch):
            raise RuntimeError("killed")

    monkeypatch.setattr(services, "_after_batch", crash)
    with pytest.raises(RuntimeError):
        consolidate(batch_size=4)
    failed = ConsolidationRun.objects.get()
    assert failed.status == ConsolidationRun.Status.FAILED
    half = row_counts()
    assert half != before and half != expected  # some batches committed, not all

    monkeypatch.setattr(services, "_after_batch", lambda k, n: None)
    report = consolidate(batch_size=4)
    assert row_counts() == expected
    assert report["counts"] == expected_report["counts"]
    assert sum(report["skipped_existing"].values()) > 0
