"""`haitao inventory reconcile`: Σ account-book movements per owner × warehouse × SKU against the rows."""

import pytest
from django.db.models import F

from haitao.cli import main
from haitao.inventory import ledger
from haitao.inventory import services as inventory
from haitao.inventory.models import Stock, Warehouse
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def books():
    """One SKU of two owners in one bonded warehouse, moved only through the inventory service."""
    brand, own, partner = f.brand(), f.merchant(), f.merchant("kr-beauty", name="K Beauty", kind="marketplace",
                                                               country="KR", ebc_code="KR0000001", ebc_name="K")
    sku = f.sku(code="CREAM")
    f.listed(brand, sku, "100.00")
    bonded = f.warehouse()
    inventory.receive(bonded, sku, 10, owner=own)
    inventory.receive(bonded, sku, 4, owner=partner, item_record_no="IR-K-1")
    inventory.set_on_hand(bonded.code, sku.code, 7, owner=own)
    inventory.receive(f.warehouse("de-frankfurt", kind=Warehouse.Kind.OVERSEAS), sku, 3, owner=own)
    return sku, own, partner


def test_books_kept_by_the_service_reconcile(books, capsys):
    assert ledger.reconcile() == []
    assert main(["inventory", "reconcile"]) == 0
    assert "0 mismatch(es)" in capsys.readouterr().out


def test_a_row_changed_behind_the_book_is_reported_with_a_non_zero_exit(books, capsys):
    sku, own, partner = books
    Stock.objects.filter(owner=partner, sku=sku).update(on_hand=F("on_hand") + 2, quarantined=1)
    (mismatch,) = ledger.reconcile()
    assert (mismatch.owner, mismatch.warehouse, mismatch.sku) == ("kr-beauty", "hz-bonded", "CREAM")
    assert (mismatch.on_hand, mismatch.booked_on_hand, mismatch.quarantined, mismatch.booked_quarantined) == (6, 4, 1, 0)
    assert main(["inventory", "reconcile"]) == 1
    out = capsys.readouterr().out
    assert "kr-beauty hz-bonded CREAM: on hand 6 (book 4), quarantined 1 (book 0)" in out and "1 mismatch(es)" in out
    # the other owner's row of the same SKU in the same warehouse is not drawn into it
    assert main(["inventory", "reconcile", "--warehouse", "de-frankfurt"]) == 0


def test_a_row_without_movements_books_zero():
    f.stock(f.sku(code="BARE"), 5)  # the factory writes the row directly, as an unbooked import would
    assert [(m.sku, m.on_hand, m.booked_on_hand) for m in ledger.reconcile(sku="BARE")] == [("BARE", 5, 0)]
    inventory.open_books()
    assert ledger.reconcile() == []
