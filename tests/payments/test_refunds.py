"""payments.refund: against the order's succeeded payment, through its provider, once per key."""

from decimal import Decimal

import pytest

from haitao.common import events
from haitao.common.errors import Conflict, InvalidInput
from haitao.orders import services as orders
from haitao.payments import services as payments
from haitao.payments.events import PaymentRefunded
from haitao.payments.models import Payment, Refund
from haitao.payments.providers import ProviderRefund, SandboxProvider
from tests import factories as f
from tests.declarations.conftest import consignee

pytestmark = pytest.mark.django_db


@pytest.fixture
def heard():
    """The PaymentRefunded events published, as an in-transaction subscriber sees them."""
    seen = []

    def listen(event):
        seen.append(event)

    events.subscribe(PaymentRefunded, in_transaction=True)(listen)
    yield seen
    events.unsubscribe(PaymentRefunded, listen)


def test_a_refund_settles_through_the_sandbox_and_is_published(place_and_pay, heard):
    order = place_and_pay([("APT3", 1)])
    payment = order.payments.get()
    refund = payments.refund(order, Decimal("50.00"), "goodwill", key="r1")
    assert refund.status == Refund.Status.SUCCEEDED and refund.settled_at is not None
    assert refund.payment == payment and refund.provider_reference.startswith("SBXR")
    assert heard == [PaymentRefunded(order_id=order.pk, refund_id=refund.pk, amount=Decimal("50.00"),
                                     reason="goodwill", key="r1", in_full=False)]
    payment.refresh_from_db()
    assert payment.status == Payment.Status.SUCCEEDED  # partly refunded: still the payment of the order


def test_the_same_key_returns_the_first_refund_and_publishes_once(place_and_pay, heard):
    order = place_and_pay([("APT3", 1)])
    first = payments.refund(order, Decimal("10.00"), "late parcel", key="same")
    again = payments.refund(order, Decimal("10.00"), "late parcel", key="same")
    assert again.pk == first.pk and Refund.objects.count() == 1 and len(heard) == 1
    with pytest.raises(Conflict) as refused:
        payments.refund(order, Decimal("11.00"), "late parcel", key="same")
    assert refused.value.code == "refund_key_reused"


def test_refunds_never_exceed_the_payment_and_the_last_marks_it_refunded(place_and_pay):
    order = place_and_pay([("APT3", 1)])
    paid = order.actual_paid
    payments.refund(order, paid - Decimal("1.00"), "most", key="a")
    with pytest.raises(Conflict) as refused:
        payments.refund(order, Decimal("1.01"), "too much", key="b")
    assert refused.value.code == "refund_exceeds_payment"
    payments.refund(order, Decimal("1.00"), "the rest", key="c")
    payment = order.payments.get()
    assert payment.status == Payment.Status.REFUNDED and payment.refunded_at is not None
    with pytest.raises(Conflict) as nothing_left:
        payments.refund(order, Decimal("0.01"), "more", key="d")
    assert nothing_left.value.code == "not_refundable"


@pytest.mark.parametrize("amount", [Decimal("0"), Decimal("-1"), Decimal("0.001"), Decimal("NaN"), 1.5, "3"])
def test_a_refund_amount_is_positive_decimal_in_fen(place_and_pay, amount):
    order = place_and_pay([("APT3", 1)])
    with pytest.raises(InvalidInput) as refused:
        payments.refund(order, amount, "x", key="k")
    assert refused.value.code == "invalid_amount" and not Refund.objects.exists()


def test_a_refund_needs_a_key_and_a_paid_order(place_and_pay, shop):
    order = place_and_pay([("APT3", 1)])
    with pytest.raises(InvalidInput):
        payments.refund(order, Decimal("1.00"), "x", key=" ")
    unpaid, _ = orders.place_order(f.customer(), orders.PlaceOrder(
        brand=shop, items=[("APT3", 1)], consignee=consignee(), buyer_name="李四",
        buyer_id_number="110101199003077774", risk_notice_accepted=True))
    with pytest.raises(Conflict) as refused:
        payments.refund(unpaid, Decimal("1.00"), "x", key="k")
    assert refused.value.code == "not_refundable"


def test_a_provider_that_fails_leaves_no_refund_behind(place_and_pay, monkeypatch):
    order = place_and_pay([("APT3", 1)])
    def down(self, payment, amount, reference):
        raise Conflict("provider_unavailable", "The provider refused.")

    monkeypatch.setattr(SandboxProvider, "refund", down)
    with pytest.raises(Conflict):
        payments.refund(order, Decimal("1.00"), "x", key="k")
    assert not Refund.objects.exists()
    assert order.payments.get().status == Payment.Status.SUCCEEDED


def test_a_refund_the_provider_confirms_later_is_published_when_settled(place_and_pay, heard, monkeypatch):
    order = place_and_pay([("APT3", 1)])
    monkeypatch.setattr(SandboxProvider, "refund",
                        lambda self, payment, amount, reference: ProviderRefund("LATER-1", settled=False))
    pending = payments.refund(order, order.actual_paid, "cancelled", key="all")
    assert pending.status == Refund.Status.PENDING and heard == []
    assert order.payments.get().status == Payment.Status.REFUNDED  # nothing of it is left to refund
    settled = payments.settle_refund(pending.pk, "LATER-1-DONE")
    assert (settled.status, settled.provider_reference) == (Refund.Status.SUCCEEDED, "LATER-1-DONE")
    assert [(e.refund_id, e.in_full) for e in heard] == [(pending.pk, True)]
    payments.settle_refund(pending.pk)  # the provider's notice again: nothing changes, nothing published
    assert len(heard) == 1
