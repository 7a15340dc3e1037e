"""The buyer sees customs progress on the storefront's order page: waybill and tracking once shipped,
the customs explanation when a declaration is refused."""

import pytest
from django.test import Client

from haitao.declarations.models import Declaration, Shipment
from haitao.orders.states import Status
from tests.declarations.test_flow import run_worker

pytestmark = pytest.mark.django_db


def order_page(order):
    client = Client()
    client.force_login(order.customer.user)
    return client.get(f"/s/{order.brand.code}/orders/{order.number}/?lang=en", follow=True).content.decode()


def test_shipped_order_shows_waybill_and_tracking(place_and_pay):
    order = place_and_pay([("APT3", 1)])
    run_worker(order, Status.SHIPPED)
    page = order_page(order)
    waybill = Shipment.objects.get(order=order).waybill_no
    assert 'id="waybill"' in page and waybill in page
    assert 'id="tracking"' in page and 'data-status="released"' in page and 'data-status="shipped"' in page


def test_refused_order_explains_customs_to_the_buyer(place_and_pay, monkeypatch):
    order = place_and_pay([("APT3", 1)])
    monkeypatch.setenv("HAITAO_CUSTOMS_SIMULATOR_REJECT_ORDERS", order.number)
    run_worker(order, Status.REFUNDED)
    page = order_page(order)
    explanation = Declaration.objects.get(order=order, message_type="CEB311").buyer_message_en
    assert 'id="customs-explanation"' in page and explanation and explanation.split(".")[0] in page
