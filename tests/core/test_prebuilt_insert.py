"""common.prebuilt.insert writes what bulk_create writes: every field prepared for the database
(auto_now_add filled in), the new keys on the instances in row order, an unsaved related object refused."""

import pytest
from django.utils import timezone

from haitao.common import prebuilt
from haitao.orders import services as orders
from haitao.orders.models import Order, OrderEvent
from tests import factories as f
from tests.core.test_placement import request_for

pytestmark = pytest.mark.django_db


def test_rows_keys_and_auto_now_add():
    brand, sku = f.brand(), f.sku(code="APT3")
    f.listed(brand, sku)
    f.stock(sku, 5)
    order, _ = orders.place_order(f.customer(), request_for(brand, [("APT3", 1)]))
    before = timezone.now()
    events = [OrderEvent(order=order, event=f"note{n}", from_status="a", to_status="b", actor="tests")
              for n in range(3)]
    prebuilt.insert(events)
    assert all(e.pk is not None and not e._state.adding for e in events)
    stored = {e.pk: e for e in OrderEvent.objects.filter(event__startswith="note")}
    assert [stored[e.pk].event for e in events] == ["note0", "note1", "note2"]
    assert all(stored[e.pk].created_at >= before.replace(microsecond=0) for e in events)


def test_an_unsaved_related_object_is_refused():
    with pytest.raises(ValueError, match="unsaved related object"):
        prebuilt.insert([OrderEvent(order=Order(number="HTNOTSAVED"), event="x", actor="tests")])
