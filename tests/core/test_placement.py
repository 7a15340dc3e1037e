"""Order placement end to end through the services: quote, allocation, quota, idempotency, payment."""

from decimal import Decimal

import pytest

from haitao.accounts.models import Customer, Identity
from haitao.common.errors import Conflict, DomainError, InvalidInput, NotFound
from haitao.compliance.models import QuotaAccount, QuotaEntry
from haitao.inventory.models import Stock, Warehouse
from haitao.orders import services as orders
from haitao.orders.models import Order
from haitao.orders.states import Status
from haitao.payments import services as payments
from haitao.payments.providers import SandboxProvider
from tests import factories as f

pytestmark = pytest.mark.django_db


def consignee(**kw):
    data = dict(name="张三", phone="138-0013-8000", province="浙江省", city="杭州市", district="西湖区",
                detail="文三路 100 号")
    data.update(kw)
    return orders.Consignee(**data)


def request_for(brand, items, key="", **kw):
    data = dict(brand=brand, items=items, consignee=consignee(), buyer_name="张三",
                buyer_id_number="11010519491231002X", risk_notice_accepted=True, idempotency_key=key)
    data.update(kw)
    return orders.PlaceOrder(**data)


@pytest.fixture
def shop():
    brand = f.brand()
    sku = f.sku(code="APT3")
    f.listed(brand, sku, "200.00")
    f.stock(sku, 10)
    return brand, sku


def test_placement_computes_tax_allocates_and_reserves_quota(shop):
    brand, sku = shop
    buyer = f.customer()
    order, created = orders.place_order(buyer, request_for(brand, [("APT3", 2)]))
    assert created
    assert (order.goods_value, order.tax_total, order.actual_paid) == (Decimal("400.00"), Decimal("36.40"),
                                                                       Decimal("436.40"))
    assert order.status == Status.PENDING_PAYMENT and order.mode == "1210"
    assert Stock.objects.get(sku=sku).allocated == 2
    assert QuotaEntry.objects.get(order=order).amount == Decimal("400.00")
    assert QuotaAccount.objects.get(id_hash=order.buyer_id_hash).reserved == Decimal("400.00")
    assert order.lines.get().vat == Decimal("36.40")
    assert order.events.get().to_status == Status.PENDING_PAYMENT


def test_same_idempotency_key_twice_gives_one_order(shop):
    brand, sku = shop
    buyer = f.customer()
    first, created1 = orders.place_order(buyer, request_for(brand, [("APT3", 1)], key="k-1"))
    again, created2 = orders.place_order(buyer, request_for(brand, [("APT3", 1)], key="k-1"))
    assert (created1, created2) == (True, False)
    assert first.pk == again.pk
    assert Order.objects.count() == 1 and Stock.objects.get(sku=sku).allocated == 1


def test_reused_idempotency_key_with_other_body_is_refused(shop):
    brand, _ = shop
    buyer = f.customer()
    orders.place_order(buyer, request_for(brand, [("APT3", 1)], key="k-2"))
    with pytest.raises(Conflict) as err:
        orders.place_order(buyer, request_for(brand, [("APT3", 3)], key="k-2"))
    assert err.value.code == "idempotency_key_reused"
    assert Order.objects.count() == 1


@pytest.mark.parametrize("change, code", [
    (dict(items=[("NOPE", 1)]), "unknown_sku"),
    (dict(items=[("APT3", 0)]), "invalid_quantity"),
    (dict(items=[("APT3", -1)]), "invalid_quantity"),
    (dict(items=[("APT3", 10**9)]), "invalid_quantity"),
    (dict(items=[]), "empty_order"),
    (dict(risk_notice_accepted=False), "risk_notice_not_accepted"),
    (dict(buyer_id_number="11010519491231002"), "invalid_id_number"),
    (dict(buyer_id_number="130681136250023332"), "invalid_id_number"),
    (dict(buyer_name="  "), "invalid_real_name"),
    (dict(consignee=consignee(phone="12345")), "invalid_phone"),
    (dict(consignee=consignee(detail="")), "missing_field"),
])
def test_bad_input_is_refused_and_changes_nothing(shop, change, code):
    brand, sku = shop
    buyer = f.customer()
    with pytest.raises((InvalidInput, NotFound)) as err:
        orders.place_order(buyer, request_for(brand, **{"items": [("APT3", 1)], **change}))
    assert err.value.code == code
    assert Order.objects.count() == 0 and Stock.objects.get(sku=sku).allocated == 0
    assert not QuotaAccount.objects.filter(reserved_fen__gt=0).exists()


def test_out_of_stock_is_refused(shop):
    brand, sku = shop
    with pytest.raises(Conflict) as err:
        orders.place_order(f.customer(), request_for(brand, [("APT3", 11)]))
    assert err.value.code == "out_of_stock"
    assert Stock.objects.get(sku=sku).allocated == 0


def test_items_in_different_warehouses_are_split_into_two_customs_orders_of_one_purchase(shop):
    """Issue 13 / rule 10: a cart mixing bonded and direct-mail goods is split, not refused."""
    brand, sku = shop
    wine = f.sku(code="WINE")
    f.listed(brand, wine, "300.00")
    f.stock(wine, 5, wh=f.warehouse("de-frankfurt", kind=Warehouse.Kind.OVERSEAS))
    purchase, created = orders.place_purchase(f.customer(), request_for(brand, [("APT3", 1), ("WINE", 1)]))
    split = [(o.mode, o.warehouse.code, [line.sku.code for line in o.lines.all()]) for o in purchase.orders.order_by("id")]
    assert created and split == [("1210", "hz-bonded", ["APT3"]), ("9610", "de-frankfurt", ["WINE"])]
    assert purchase.actual_paid == sum(o.actual_paid for o in purchase.orders.all())
    assert sum(Stock.objects.values_list("allocated", flat=True)) == 2
    with pytest.raises(Conflict) as err:  # not enough anywhere is still plain out of stock
        orders.place_order(f.customer("other@example.com"),
                           request_for(brand, [("APT3", 1), ("WINE", 6)], buyer_id_number=f.VALID_IDS[1]))
    assert err.value.code == "out_of_stock" and sum(Stock.objects.values_list("allocated", flat=True)) == 2


def test_bonded_first_then_overseas_when_bonded_cannot_fill(shop):
    brand, sku = shop
    overseas = f.warehouse("de-frankfurt", kind=Warehouse.Kind.OVERSEAS)
    f.stock(sku, 50, wh=overseas)
    small, _ = orders.place_order(f.customer(), request_for(brand, [("APT3", 2)]))
    big, _ = orders.place_order(f.customer(), request_for(brand, [("APT3", 20)], buyer_id_number="440524188001010014",
                                                              buyer_name="李四"))
    assert (small.mode, big.mode) == ("1210", "9610")
    assert big.warehouse == overseas


def test_limit_refusal_names_the_amount_over(shop):
    brand, _ = shop
    dear = f.sku(code="LAMER")
    f.listed(brand, dear, "2600.00")
    f.stock(dear, 5)
    with pytest.raises(orders.LimitRefused) as err:
        orders.place_order(f.customer(), request_for(brand, [("LAMER", 2)]))
    assert err.value.code == "single_limit_exceeded"
    assert "200.00" in err.value.message


def test_account_identity_is_the_orderer(shop):
    brand, _ = shop
    buyer = f.customer()
    orders.place_order(buyer, request_for(brand, [("APT3", 1)]))
    with pytest.raises(InvalidInput) as err:
        orders.place_order(buyer, request_for(brand, [("APT3", 1)], buyer_name="李四",
                                              buyer_id_number="440524188001010014"))
    assert err.value.code == "identity_mismatch"


def test_a_refused_first_order_records_no_identity(shop):
    brand, _ = shop
    buyer = f.customer()
    with pytest.raises(Conflict):
        orders.place_order(buyer, request_for(brand, [("APT3", 11)]))  # out of stock
    assert not Identity.objects.exists()
    buyer = Customer.objects.get(pk=buyer.pk)
    order, _ = orders.place_order(buyer, request_for(brand, [("APT3", 1)], buyer_name="李四",
                                                     buyer_id_number="440524188001010014"))
    assert Identity.objects.get(customer=buyer).id_hash == order.buyer_id_hash  # still free to choose


def test_a_refused_order_in_the_same_request_leaves_the_identity_unrecorded(shop):
    brand, _ = shop
    buyer = f.customer()
    with pytest.raises(Conflict):
        orders.place_order(buyer, request_for(brand, [("APT3", 11)]))
    order, _ = orders.place_order(buyer, request_for(brand, [("APT3", 1)]))  # same in-memory customer
    assert Identity.objects.get(customer=buyer).id_hash == order.buyer_id_hash


def test_an_id_number_verified_under_another_name_is_refused(shop):
    brand, _ = shop
    first, _ = orders.place_order(f.customer(), request_for(brand, [("APT3", 1)]))
    with pytest.raises(InvalidInput) as err:
        orders.place_order(f.customer(), request_for(brand, [("APT3", 1)], buyer_name="赵六"))
    assert err.value.code == "id_number_name_mismatch" and err.value.field == "buyer.real_name"
    assert Identity.objects.count() == 1 and Order.objects.count() == 1
    # Under the right name from a second account: the number is bound to the first (issue 11: quota
    # griefing by an account registered with a victim's name and ID number).
    with pytest.raises(DomainError) as bound:
        orders.place_order(f.customer(), request_for(brand, [("APT3", 1)]))
    assert bound.value.code == "id_number_bound" and Identity.objects.count() == 1


def _pay(order, **kw):
    payment = payments.start(order)
    body, signature = SandboxProvider().callback_for(payment, **kw)
    return payment, body, signature


def test_signed_callback_pays_once_and_commits_quota(shop):
    brand, _ = shop
    order, _ = orders.place_order(f.customer(), request_for(brand, [("APT3", 1)]))
    payment, body, signature = _pay(order)
    assert payments.handle_callback("sandbox", body, signature) == "paid"
    assert payments.handle_callback("sandbox", body, signature) == "duplicate"
    order.refresh_from_db()
    assert order.status != Status.PENDING_PAYMENT and order.paid_at is not None
    entry = QuotaEntry.objects.get(order=order)
    assert entry.state == QuotaEntry.State.COMMITTED
    account = QuotaAccount.objects.get(id_hash=order.buyer_id_hash)
    assert (account.reserved, account.committed) == (Decimal("0.00"), Decimal("200.00"))
    assert order.events.filter(event="pay").count() == 1


def test_forged_callback_changes_nothing(shop):
    brand, _ = shop
    order, _ = orders.place_order(f.customer(), request_for(brand, [("APT3", 1)]))
    payment, body, signature = _pay(order)
    with pytest.raises(Exception) as err:
        payments.handle_callback("sandbox", body.replace(b'"succeeded"', b'"succeeded" '), "0" * 64)
    assert getattr(err.value, "code", None) == "invalid_signature"
    order.refresh_from_db()
    assert order.status == Status.PENDING_PAYMENT


def test_payment_by_someone_else_is_refunded_not_applied(shop):
    brand, _ = shop
    order, _ = orders.place_order(f.customer(), request_for(brand, [("APT3", 1)]))
    payment, body, signature = _pay(order, payer_name="李四", payer_id_number="440524188001010014")
    assert payments.handle_callback("sandbox", body, signature) == "refunded_payer_mismatch"
    order.refresh_from_db()
    assert order.status == Status.PENDING_PAYMENT


def test_expiry_releases_stock_and_quota(shop):
    brand, sku = shop
    order, _ = orders.place_order(f.customer(), request_for(brand, [("APT3", 3)]))
    assert orders.expire_unpaid(order.expires_at) == 1
    order.refresh_from_db()
    assert order.status == Status.EXPIRED
    assert Stock.objects.get(sku=sku).allocated == 0
    assert QuotaEntry.objects.get(order=order).state == QuotaEntry.State.RELEASED
    assert QuotaAccount.objects.get(id_hash=order.buyer_id_hash).reserved == Decimal("0.00")
    with pytest.raises(Conflict) as err:
        payments.start(order)
    assert err.value.code == "order_expired"


def test_sku_off_the_positive_list_cannot_be_ordered(shop):
    brand, sku = shop
    from haitao.compliance.models import PositiveListEntry

    PositiveListEntry.objects.filter(code8=sku.hs_code[:8]).delete()
    with pytest.raises(InvalidInput) as err:
        orders.place_order(f.customer(), request_for(brand, [("APT3", 1)]))
    assert err.value.code == "not_on_positive_list"
    assert Order.objects.count() == 0 and Stock.objects.get(sku=sku).allocated == 0


def test_bonded_only_remark_refuses_direct_mail(shop):
    brand, _ = shop
    wine = f.sku(code="WINE", hs_code="2204210000")
    f.on_positive_list("2204210000").delete()
    f.on_positive_list("2204210000", remarks="仅限网购保税进口")
    f.listed(brand, wine, "300.00")
    f.stock(wine, 5, wh=f.warehouse("de-frankfurt", kind=Warehouse.Kind.OVERSEAS))
    with pytest.raises(InvalidInput) as err:
        orders.place_order(f.customer(), request_for(brand, [("WINE", 1)]))
    assert err.value.code == "not_on_positive_list"
