"""The orderer's phone is frozen on the order at placement (encrypted, with a masked copy): the
declaration does not read the account later, so a changed account phone changes nothing declared."""

import pytest
from django.db import connection
from django.utils import timezone

from haitao.accounts.models import Customer
from haitao.declarations.mapping import documents
from haitao.orders.models import Order
from tests import factories as f

pytestmark = pytest.mark.django_db


def test_buyer_telephone_is_the_phone_frozen_at_placement(place_and_pay, shop):
    buyer = f.customer()
    Customer.objects.filter(pk=buyer.pk).update(phone="13911112222")
    buyer.refresh_from_db()
    order = place_and_pay([("APT3", 1)], buyer=buyer)
    assert (order.buyer_phone, order.buyer_phone_masked) == ("13911112222", "139****2222")
    with connection.cursor() as cursor:  # encrypted at rest
        cursor.execute(f"SELECT buyer_phone FROM {Order._meta.db_table} WHERE id = %s", [order.pk])
        assert "13911112222" not in cursor.fetchone()[0]
    Customer.objects.filter(pk=buyer.pk).update(phone="13733334444")  # the account changes afterwards
    docs = documents(Order.objects.get(pk=order.pk), timezone.now())
    assert docs.ceb311.orders[0].head.buyerTelephone == "13911112222"
    assert docs.ceb621.inventories[0].head.buyerTelephone == "13911112222"


def test_without_an_account_phone_the_consignee_phone_is_frozen(place_and_pay, shop):
    order = place_and_pay([("APT3", 1)])
    assert order.buyer_phone == order.consignee_phone and order.buyer_phone_masked.count("*") == 4
