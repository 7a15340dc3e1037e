"""Invariant 6: ID numbers, phones and street addresses are never stored in clear and never logged.

Rows are written through the services, then read back as raw columns, below the ORM's decryption."""

import logging

import pytest
from cryptography.fernet import Fernet
from django.db import connection
from django.test import override_settings

from haitao.accounts import services as accounts
from haitao.accounts.models import Address, Customer, Identity
from haitao.common import crypto
from haitao.common.keys import rotate_all
from haitao.common.logging import MaskPersonalData
from haitao.orders.models import Order
from tests import factories as f

from .support import ID_NUMBER, PHONE, STREET, place

pytestmark = pytest.mark.django_db

SECRETS = (ID_NUMBER, PHONE, STREET)


def raw_row(model, pk) -> tuple:
    table = connection.ops.quote_name(model._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {table} WHERE id = %s", [pk])
        return cursor.fetchone()


def raw_column(model, pk, column) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {connection.ops.quote_name(column)} FROM "
                       f"{connection.ops.quote_name(model._meta.db_table)} WHERE id = %s", [pk])
        return cursor.fetchone()[0]


@pytest.fixture
def written(db):
    brand, sku = f.brand(), f.sku(hs_code="1901101090")
    f.listed(brand, sku)
    f.stock(sku, 5)
    buyer = f.customer()
    Customer.objects.filter(pk=buyer.pk).update(phone=PHONE, phone_masked="138****8000")
    identity = accounts.ensure_identity(buyer, "张三", ID_NUMBER)
    address = accounts.add_address(buyer, consignee="张三", phone=PHONE, province="浙江省", city="杭州市",
                                   district="西湖区", detail=STREET)
    order = place(brand, [(sku.code, 1)], buyer=buyer)
    return {Customer: buyer.pk, Identity: identity.pk, Address: address.pk, Order: order.pk}


def test_no_clear_personal_data_in_any_column(written):
    for model, pk in written.items():
        row = " | ".join(str(value) for value in raw_row(model, pk))
        for secret in SECRETS:
            assert secret not in row, f"{model.__name__} stores {secret!r} in clear"


def test_model_attributes_decrypt_back(written):
    identity = Identity.objects.get(pk=written[Identity])
    address = Address.objects.get(pk=written[Address])
    order = Order.objects.get(pk=written[Order])
    assert identity.id_number == ID_NUMBER and order.buyer_id_number == ID_NUMBER
    assert address.phone == PHONE and address.detail == STREET
    assert order.consignee_phone == PHONE and STREET in order.consignee_address
    assert Customer.objects.get(pk=written[Customer]).phone == PHONE


def test_masked_columns(written):
    assert raw_column(Identity, written[Identity], "id_masked") == "1101**********002X"
    assert raw_column(Order, written[Order], "buyer_id_masked") == "1101**********002X"
    assert raw_column(Address, written[Address], "phone_masked") == "138****8000"
    assert raw_column(Order, written[Order], "consignee_phone_masked") == "138****8000"
    assert raw_column(Order, written[Order], "consignee_address_masked") == "浙江省杭州市西湖区***"


def test_rotation_re_encrypts_under_the_new_first_key(settings, written):
    old_key = settings.FIELD_ENCRYPTION_KEYS[0]
    new_key = Fernet.generate_key().decode()
    before = raw_column(Identity, written[Identity], "id_number")
    with override_settings(FIELD_ENCRYPTION_KEYS=[new_key, old_key]):
        done = rotate_all()
        assert done["accounts.Identity"] >= 1 and done["orders.Order"] >= 1
    after = raw_column(Identity, written[Identity], "id_number")
    assert after != before and ID_NUMBER not in after
    for model, pk, column, clear in ((Identity, written[Identity], "id_number", ID_NUMBER),
                                     (Address, written[Address], "detail", STREET),
                                     (Order, written[Order], "consignee_phone", PHONE)):
        token = raw_column(model, pk, column)
        with override_settings(FIELD_ENCRYPTION_KEYS=[old_key]):
            with pytest.raises(ValueError):
                crypto.decrypt(token)
        with override_settings(FIELD_ENCRYPTION_KEYS=[new_key]):
            assert crypto.decrypt(token) == clear
    with override_settings(FIELD_ENCRYPTION_KEYS=[new_key]):
        assert Identity.objects.get(pk=written[Identity]).id_number == ID_NUMBER


def test_log_records_are_masked():
    record = logging.LogRecord("haitao", logging.INFO, __file__, 1, "buyer %s phone %s paid",
                               (ID_NUMBER, PHONE), None)
    assert MaskPersonalData().filter(record) is True
    message = record.getMessage()
    assert ID_NUMBER not in message and PHONE not in message
    assert message == "buyer 1101**********002X phone 138****8000 paid"


def test_a_logger_with_the_filter_never_emits_the_numbers(caplog):
    logger = logging.getLogger("haitao.test.personal")
    logger.addFilter(MaskPersonalData())
    try:
        with caplog.at_level(logging.INFO, logger="haitao.test.personal"):
            logger.info(f"identity {ID_NUMBER} / mobile {PHONE}")
    finally:
        logger.filters.clear()
    assert ID_NUMBER not in caplog.text and PHONE not in caplog.text
    assert "1101**********002X" in caplog.text
