"""Request and response shapes. Money is a decimal string on the wire, never a float."""

from datetime import datetime
from decimal import Decimal
from typing import Annotated

from ninja import Schema
from pydantic import Field, StrictBool, StringConstraints

Quantity = Annotated[int, Field(strict=True, ge=1, le=99)]
Short = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]


class ErrorBody(Schema):
    code: str
    message: str
    field: str | None = None
    message_zh: str | None = None  # the same refusal in Chinese, where the service gives one (returns, cancels)


class ErrorOut(Schema):
    error: ErrorBody


class BrandOut(Schema):
    code: str
    name: str
    name_en: str
    kind: str
    tagline: str
    default_language: str
    price_display: str
    primary_color: str
    risk_notice: str
    risk_notice_en: str


class CategoryOut(Schema):
    slug: str
    name: str
    name_en: str


class ProductOut(Schema):
    sku: str
    gtin: str
    brand_name: str
    title: str
    title_en: str
    category: str
    price: Decimal
    compare_at_price: Decimal | None
    merchant: str
    origin_country: str
    hs_code: str
    net_weight_kg: Decimal
    vat_rate: Decimal
    consumption_tax_rate: Decimal
    available: int
    modes: list[str]


class FacetValue(Schema):
    value: str | int
    count: int


class ProductPage(Schema):
    count: int
    items: list[ProductOut]
    facets: dict[str, list[FacetValue]] | None = None
    did_you_mean: str | None = None
    relaxed: bool | None = None


class RegisterIn(Schema):
    email: str
    password: str
    display_name: str = ""
    brand: str | None = None


class RegisterOut(Schema):
    status: str
    message: str


class TokenInfoOut(Schema):
    id: int
    name: str
    prefix: str
    created_at: datetime
    expires_at: datetime | None
    revoked: bool
    active: bool


class IdentityAttemptOut(Schema):
    account: str
    real_name: str
    at: datetime


class HoldOut(Schema):
    number: str
    actual_paid: Decimal
    placed_at: datetime


class IdentityGuardOut(Schema):
    attempts: list[IdentityAttemptOut]
    holds: list[HoldOut]


class ReleaseOut(Schema):
    released: int


class TokenIn(Schema):
    email: str
    password: str


class TokenOut(Schema):
    token: str
    customer_id: int


class CartLineIn(Schema):
    sku: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=40)]
    quantity: Quantity


class CartLineUpdate(Schema):
    quantity: Annotated[int, Field(strict=True, ge=0, le=99)]


class LineTaxOut(Schema):
    sku: str
    title: str
    quantity: int
    unit_price: Decimal
    goods_value: Decimal
    dutiable_value: Decimal
    duty: Decimal
    consumption_tax: Decimal
    vat: Decimal


class SubOrderItemOut(Schema):
    sku: str
    title: str
    quantity: int


class SubOrderOut(Schema):
    """One customs order of a purchase: one seller of record, one warehouse, one mode."""

    number: str | None = Field(description="null before the purchase is placed")
    status: str | None
    seller: str = Field(description="the seller of record (e-commerce enterprise) the order is declared under")
    seller_code: str
    warehouse: str
    mode: str = Field(description="1210 bonded or 9610 direct mail")
    goods_value: Decimal
    freight: Decimal
    tax_total: Decimal
    actual_paid: Decimal
    items: list[SubOrderItemOut]


class PurchaseOut(Schema):
    """One checkout, paid once (`actual_paid`), declared to customs as `order_count` orders."""

    number: str | None = Field(description="null before the purchase is placed")
    order_count: int
    goods_value: Decimal
    freight: Decimal
    tax_total: Decimal
    actual_paid: Decimal = Field(description="the amount paid once for every customs order")
    orders: list[SubOrderOut]


class QuoteOut(Schema):
    regime: str | None = None
    goods_value: Decimal
    freight: Decimal
    tax_total: Decimal | None = None
    actual_paid: Decimal | None = None
    annual_used_after: Decimal | None = None
    lines: list[LineTaxOut]
    refusal: ErrorBody | None = None
    split: PurchaseOut | None = Field(default=None, description="the customs orders this cart would be placed "
                                      "as, each priced on its own; null when it cannot be placed now")


class CartOut(Schema):
    id: str
    brand: str
    lines: list[LineTaxOut]
    quote: QuoteOut | None


class ConsigneeIn(Schema):
    name: Short
    phone: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=30)]
    province: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=30)]
    city: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=30)]
    district: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=30)]
    detail: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=150)]
    district_code: Annotated[str, StringConstraints(pattern=r"^(\d{6})?$")] = ""


class BuyerIn(Schema):
    real_name: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=60)]
    id_number: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=30)]


class OrderIn(Schema):
    items: list[CartLineIn] | None = Field(default=None, max_length=99)
    cart: str | None = None
    consignee: ConsigneeIn
    buyer: BuyerIn
    # Acceptance of the risk notice is a compliance record: only JSON `true` counts, not "yes" or 1.
    risk_notice_accepted: StrictBool


class OrderLineOut(Schema):
    gnum: int
    sku: str
    title: str
    quantity: int
    unit_price: Decimal
    goods_value: Decimal
    dutiable_value: Decimal
    duty: Decimal
    consumption_tax: Decimal
    vat: Decimal


class OrderEventOut(Schema):
    event: str
    from_status: str
    to_status: str
    actor: str
    note: str
    created_at: datetime


class OrderOut(Schema):
    number: str
    brand: str
    status: str
    mode: str
    regime: str
    warehouse: str
    goods_value: Decimal
    freight: Decimal
    discount: Decimal
    tax_total: Decimal
    actual_paid: Decimal
    buyer_name: str
    buyer_id: str
    consignee: str
    consignee_phone: str
    consignee_address: str
    placed_at: datetime
    expires_at: datetime | None
    paid_at: datetime | None
    lines: list[OrderLineOut]
    events: list[OrderEventOut]
    purchase: PurchaseOut | None = Field(default=None, description="the purchase this order is part of, "
                                         "with all its customs orders and the total paid once")


class OrderSummary(Schema):
    number: str
    brand: str
    status: str
    actual_paid: Decimal
    placed_at: datetime


class PaymentOut(Schema):
    reference: str
    provider: str
    amount: Decimal
    status: str
    pay_url: str


class CallbackOut(Schema):
    outcome: str


class QuotaOut(Schema):
    year: int
    used: Decimal
    limit: Decimal
    remaining: Decimal
    single_limit: Decimal


class MeOut(Schema):
    customer_id: int
    email: str
    display_name: str
    identity: str | None
    quota: QuotaOut


class StockOut(Schema):
    warehouse: str
    sku: str
    on_hand: int
    allocated: int
    available: int


class StockAdjustIn(Schema):
    warehouse: str
    sku: str
    on_hand: Annotated[int, Field(strict=True, ge=0, le=10_000_000)]


class ExpireOut(Schema):
    expired: int


class RefundIn(Schema):
    amount: Annotated[Decimal, Field(gt=0, max_digits=14, decimal_places=2)]
    reason: Annotated[str, StringConstraints(min_length=1, max_length=200)]
    key: Annotated[str, StringConstraints(min_length=1, max_length=80)]


class RefundOut(Schema):
    reference: str
    order: str
    amount: Decimal
    status: str


class ReturnLineIn(Schema):
    gnum: int = Field(ge=1, le=99)
    quantity: int = Field(ge=1, le=9999)


class ReturnIn(Schema):
    """Return ``lines`` (order line number and units) of a delivered order, within 30 days of release."""

    lines: list[ReturnLineIn] = Field(min_length=1, max_length=99)
    reason: str = Field(min_length=1, max_length=300)


class ReturnLineOut(Schema):
    gnum: int
    title: str
    quantity: int
    refund_amount: Decimal
    condition: str


class ReturnOut(Schema):
    number: str
    status: str
    status_display: str
    reason: str
    requested_at: datetime
    goods_deadline: datetime
    refund_amount: Decimal
    quota_released: Decimal
    tax_not_levied: Decimal
    message: str
    message_en: str
    lines: list[ReturnLineOut]

