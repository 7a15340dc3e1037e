"""Figures and words the pages show: tax estimates, stock status, quotes, translated errors."""

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from haitao.checkout.quote import Item, quote_items
from haitao.common.errors import DomainError
from haitao.inventory.models import Stock, Warehouse
from haitao.orders.services import quota_usage
from haitao.rules.positive_list import mode_of_warehouse
from haitao.orders.states import Status
from haitao.rules.tax import LimitExceeded

from .templatetags.storefront import money

LOW_STOCK = 5

STATUS_LABELS = {
    Status.PENDING_PAYMENT: gettext_lazy("Awaiting payment"),
    Status.PAID: gettext_lazy("Paid"),
    Status.DECLARED: gettext_lazy("Declared to customs"),
    Status.CUSTOMS_ACCEPTED: gettext_lazy("Accepted by customs"),
    Status.RELEASED: gettext_lazy("Released by customs"),
    Status.SHIPPED: gettext_lazy("Shipped"),
    Status.DELIVERED: gettext_lazy("Delivered"),
    Status.CANCELLED: gettext_lazy("Cancelled"),
    Status.EXPIRED: gettext_lazy("Expired unpaid"),
    Status.CUSTOMS_REJECTED: gettext_lazy("Rejected by customs"),
    Status.REFUNDED: gettext_lazy("Refunded"),
    Status.RETURN_REQUESTED: gettext_lazy("Return requested"),
    Status.RETURNED: gettext_lazy("Returned"),
    Status.CANCEL_REQUESTED: gettext_lazy("Cancellation sent to customs"),
}

RETURN_LABELS = {
    "requested": gettext_lazy("Requested, awaiting approval"),
    "declared": gettext_lazy("Approved: send the goods back; customs is considering the return"),
    "refused": gettext_lazy("Not approved"),
    "customs_refused": gettext_lazy("Refused by customs"),
    "completed": gettext_lazy("Completed: refunded"),
}


def status_label(status: str) -> str:
    return str(STATUS_LABELS.get(status, status))


@dataclass
class Availability:
    bonded: int
    overseas: int

    @property
    def total(self) -> int:
        return self.bonded + self.overseas

    @property
    def state(self) -> str:
        if self.total <= 0:
            return "sold_out"
        return "low" if self.total <= LOW_STOCK else "in_stock"

    @property
    def mode(self) -> str | None:
        """Where an order would ship from: bonded first (rule 10)."""
        if self.bonded > 0:
            return mode_of_warehouse(Warehouse.Kind.BONDED)
        return mode_of_warehouse(Warehouse.Kind.OVERSEAS) if self.overseas > 0 else None


def availability(sku_ids) -> dict[int, Availability]:
    """available = on_hand − allocated, summed per warehouse kind, for each SKU."""
    sums: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    rows = Stock.objects.filter(sku_id__in=list(sku_ids), warehouse__active=True).values_list(
        "sku_id", "warehouse__kind", "on_hand", "allocated")
    for sku_id, kind, on_hand, allocated in rows:
        sums[sku_id][kind] += max(on_hand - allocated, 0)
    return {sku_id: Availability(sums[sku_id][Warehouse.Kind.BONDED], sums[sku_id][Warehouse.Kind.OVERSEAS])
            for sku_id in sku_ids}


def ships_from_different_warehouses(wanted: list[tuple[Availability, int]]) -> bool:
    """(availability, quantity) per cart line: each line is in stock on its own, but no one warehouse kind
    (bonded or overseas) has all of them, so the order cannot ship as one (rule 10: never split silently).
    A close guess from stock summed per kind; placement decides per warehouse."""
    if len(wanted) < 2 or not all(a.bonded >= qty or a.overseas >= qty for a, qty in wanted):
        return False
    return not (all(a.bonded >= qty for a, qty in wanted) or all(a.overseas >= qty for a, qty in wanted))


def unit_quote(listing):
    """The quote of one unit of this listing as the brand would charge it (freight share included),
    or None when the rules refuse even one unit."""
    try:
        return quote_items(listing.brand, [Item(listing, 1)], Decimal("0"), timezone.localdate())
    except (LimitExceeded, DomainError):
        return None


def estimated_tax(listing) -> Decimal | None:
    """The tax of one unit of this listing (see unit_quote)."""
    quote = unit_quote(listing)
    return quote.tax_total if quote is not None else None


def annual_used(customer) -> Decimal:
    return quota_usage(customer)["used"] if customer is not None else Decimal("0")


def refusal_text(code: str, amount_over, remaining, limit, value=None) -> str:
    """The limit, the order's amount, how far over, and what remains — each named, so no figure can be
    read as another (a bare "年度交易限值 ¥661.00" read as if the limit were 661)."""
    if value is None:  # the order's amount is what is over plus what it was over
        base = limit if code == "single_limit_exceeded" else remaining
        value = Decimal(str(base)) + Decimal(str(amount_over))
    values = {"over": money(amount_over), "remaining": money(remaining), "limit": money(limit),
              "amount": money(value)}
    if code == "single_limit_exceeded":
        return _("The single-order limit is %(limit)s; this order comes to %(amount)s, %(over)s over it. "
                 "You may split it into several orders. Remaining annual quota: %(remaining)s.") % values
    return _("Your annual CBEC quota is %(limit)s, of which %(remaining)s remains this year; this order comes "
             "to %(amount)s, %(over)s more than remains.") % values


def cart_quote(brand, cart_lines, customer):
    """(quote, refusal message): the per-line tax of the cart, or why the CBEC rules refuse it."""
    if not cart_lines:
        return None, None
    items = [Item(line.listing, line.quantity) for line in cart_lines]
    try:
        return quote_items(brand, items, annual_used(customer), timezone.localdate()), None
    except LimitExceeded as exc:
        return None, refusal_text(exc.code, exc.amount_over, exc.remaining, exc.limit, exc.value)
    except DomainError as exc:
        return None, error_text(exc)


ERROR_TEXTS = {
    "risk_notice_not_accepted": gettext_lazy("Accept the cross-border risk notice to place the order."),
    "invalid_id_number": gettext_lazy("This is not a valid resident ID number: 18 characters with a "
                                      "correct check character."),
    "invalid_real_name": gettext_lazy("Enter the buyer's real name as on the ID card."),
    "invalid_phone": gettext_lazy("A mainland mobile number has 11 digits and starts with 1."),
    "missing_field": gettext_lazy("This field is required."),
    "out_of_stock": gettext_lazy("Sorry, there is not enough stock for this order right now."),
    # the split sends each warehouse its own customs order: this is stock that moved after the split was shown
    "no_single_warehouse": gettext_lazy("The stock of these items moved between warehouses while you were checking out: "
                                        "please check out again."),
    "empty_order": gettext_lazy("Your cart is empty."),
    "invalid_quantity": gettext_lazy("Enter a quantity between 1 and 99."),
    "identity_not_verified": gettext_lazy("The real-name check did not confirm this name and ID number."),
    "id_number_name_mismatch": gettext_lazy("This ID number is already verified under another name: enter the "
                                            "name exactly as on the ID card."),
    "idempotency_key_reused": gettext_lazy("This form was already submitted; please review your order."),
    "invalid_email": gettext_lazy("Enter a valid email address."),
    "invalid_characters": gettext_lazy("This field contains a character that is not allowed."),
    "throttled": gettext_lazy("Too many attempts. Please wait a moment and try again."),
    "id_number_bound": gettext_lazy("This ID number is bound to another account. If it is yours, contact "
                                    "customer service."),
    "too_many_unpaid_orders": gettext_lazy("You have too many unpaid orders: pay or cancel one first."),
    "order_not_payable": gettext_lazy("This order can no longer be paid."),
    "order_expired": gettext_lazy("This order expired before it was paid."),
}


def error_text(exc: DomainError) -> str:
    """The buyer-facing sentence for a service's error, in the page language when we have one."""
    if exc.code in ("single_limit_exceeded", "annual_limit_exceeded") and "amount_over" in exc.details:
        return refusal_text(exc.code, exc.details["amount_over"], exc.details.get("remaining", "0"),
                            exc.details.get("limit", "0"), exc.details.get("value"))
    text = ERROR_TEXTS.get(exc.code)
    if text is None and exc.details.get("message_zh") and (translation.get_language() or "").startswith("zh"):
        return exc.details["message_zh"]  # the service's own Chinese sentence (returns, cancellations)
    return str(text) if text is not None else exc.message
