"""The operator dashboard at /ops/: access control, figures matching the data, well-formed SVG,
and a query count that does not grow with the number of orders."""

import uuid
import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest
from babel.numbers import format_currency
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from haitao.accounts.models import Customer
from haitao.declarations.models import Declaration
from haitao.orders import services as orders
from haitao.orders.models import Order
from haitao.orders.states import Status
from tests import factories as f
from tests.core.test_placement import request_for

pytestmark = pytest.mark.django_db

SVG = "{http://www.w3.org/2000/svg}"


def cny(x):
    return format_currency(x, "CNY", locale="zh_CN")


@pytest.fixture
def shop():
    dolphin = f.brand("dolphin", name="海豚海淘", primary_color="#0077cc")
    panda = f.brand("panda", name="熊猫<全球>购", primary_color="#22aa44")
    for brand, code in ((dolphin, "APT3"), (panda, "PAN1")):
        sku = f.sku(code=code)
        f.listed(brand, sku, "200.00")
        f.stock(sku, 100)
    low = f.sku(code="LOW1")
    f.stock(low, 3)
    return dolphin, panda


@pytest.fixture
def staff(client):
    from django.contrib.auth.models import Group

    user = get_user_model().objects.create_user("ops", "ops@example.com", "pw-ops-12345", is_staff=True)
    user.groups.add(Group.objects.get(name="platform admin"))  # a staff flag alone shows nothing
    client.force_login(user)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"  # the figures' English notes are asserted below
    return user


def place(brand, code, n=1, paid=True):
    # Every order here is placed with one ID number, which is bound to the first account that used it.
    buyer = Customer.objects.filter(identity__isnull=False).first() or f.customer()
    placed = []
    for _ in range(n):
        order, _ = orders.place_order(buyer, request_for(brand, [(code, 1)]))
        placed.append(order.pk)
    if paid:
        Order.objects.filter(pk__in=placed).update(status=Status.PAID, paid_at=timezone.now())
    return list(Order.objects.filter(pk__in=placed))


def declared(order, status, message_type=Declaration.Type.ORDER, **kw):
    """A declaration of `order` in `status`, as the customs path leaves it."""
    return Declaration.objects.create(
        order=order, message_type=message_type, sender_role=Declaration.Sender.PLATFORM,
        sender_code="3301960HTS", sender_name="test", guid=str(uuid.uuid4()), message_guid=str(uuid.uuid4()),
        status=status, **kw)


def reject(order, code):
    return declared(order, Declaration.Status.REJECTED, Declaration.Type.INVENTORY, error_code=code)


def test_anonymous_is_sent_to_admin_login(client):
    response = client.get("/ops/")
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")


def test_customer_who_is_not_staff_is_sent_to_admin_login(client):
    client.force_login(f.customer().user)
    response = client.get("/ops/")
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")


def test_staff_sees_figures_charts_and_brands(client, staff, shop):
    dolphin, panda = shop
    paid = place(dolphin, "APT3", 2) + place(panda, "PAN1", 1)
    place(dolphin, "APT3", 1, paid=False)  # awaiting payment: not GMV
    Order.objects.filter(pk=paid[0].pk).update(status=Status.RELEASED)
    Order.objects.filter(pk=paid[1].pk).update(status=Status.CUSTOMS_REJECTED)
    reject(paid[1], "C001")
    history = paid[2]
    history.pk, history.number, history.source = None, "TM-1", "tmall"
    history.save()

    sold = [o for o in Order.objects.filter(source="haitao", status__in=Status.COUNTING)]
    assert len(sold) == 2
    gmv = sum(o.actual_paid for o in sold)
    tax = sum(o.tax_total for o in sold)

    response = client.get("/ops/")
    assert response.status_code == 200
    html = response.content.decode()
    assert cny(gmv) in html and cny(tax) in html
    assert cny(history.actual_paid) in html  # imported history, shown separately
    assert cny((gmv / 2).quantize(Decimal("0.01"))) in html
    assert "1 released / 2 declared" in html
    assert "海豚海淘" in html and "熊猫&lt;全球&gt;购" in html and "熊猫<全球>购" not in html
    assert "#0077cc" in html and "#22aa44" in html
    assert 'href="/admin/"' in html

    svgs = [html[i:html.index("</svg>", i) + 6] for i in range(len(html)) if html.startswith("<svg", i)]
    assert len(svgs) == 5
    for svg in svgs:
        assert ET.fromstring(svg).tag == f"{SVG}svg"
    assert "C001" in html and "Low-stock SKUs" in html


def test_kpis_count_low_stock_outbox_and_today(shop):
    from haitao.ops import queries

    dolphin, _ = shop
    place(dolphin, "APT3", 2)
    k = queries.kpis(timezone.now())
    assert (k.orders_today, k.paid_today, k.sold_orders, k.low_stock_skus, k.outbox_failed) == (2, 2, 2, 1, 0)
    days, series = queries.gmv_by_day(timezone.now())
    assert len(days) == 30
    by_name = {s.name: s for s in series}
    assert by_name["海豚海淘"].values[-1] == k.gmv and sum(by_name["熊猫<全球>购"].values) == 0


def _queries_for(client, shop, n):
    dolphin, panda = shop
    place(dolphin, "APT3", n // 2)
    place(panda, "PAN1", n - n // 2)
    for order in Order.objects.all()[:2]:
        reject(order, f"E{order.pk}")
    with CaptureQueriesContext(connection) as ctx:
        assert client.get("/ops/").status_code == 200
    return len(ctx.captured_queries)


def test_query_count_does_not_grow_with_orders(client, staff, shop, settings):
    # The orders are marked paid behind the quota ledger's back, which still counts them unpaid.
    settings.MAX_UNPAID_ORDERS_PER_ACCOUNT = settings.MAX_UNPAID_ORDERS_PER_BUYER = 100
    few = _queries_for(client, shop, 2)
    many = _queries_for(client, shop, 18)
    assert Order.objects.count() == 20
    assert few == many <= 15, (few, many)  # 12 for the figures, 3 for the role (permissions, brands)


def test_clearance_counts_orders_rejected_by_customs_and_refunded(client, staff, shop):
    from haitao.ops import queries

    dolphin, _ = shop
    released, rejected, refunded_unsent, build_failed = place(dolphin, "APT3", 4)
    Order.objects.filter(pk=released.pk).update(status=Status.RELEASED)
    declared(released, Declaration.Status.RELEASED)
    Order.objects.filter(pk=rejected.pk).update(status=Status.REFUNDED)  # customs_rejected → refunded
    declared(rejected, Declaration.Status.ACCEPTED)
    reject(rejected, "C001")
    Order.objects.filter(pk=refunded_unsent.pk).update(status=Status.REFUNDED)  # refunded while only paid
    declared(build_failed, Declaration.Status.BUILD_FAILED)  # could not be built: still paid, never declared
    Order.objects.filter(pk=build_failed.pk).update(status=Status.REFUNDED)

    k = queries.kpis(timezone.now())
    assert (k.released, k.declared) == (1, 2)
    html = client.get("/ops/").content.decode()
    assert "1 released / 2 declared" in html and "50%" in html


def test_low_stock_counts_listed_skus_without_any_stock_row(shop):
    from haitao.ops import queries

    dolphin, panda = shop
    before = queries.kpis(timezone.now()).low_stock_skus
    bare = f.sku(code="BARE")
    f.listed(dolphin, bare)
    f.listed(panda, bare)  # listed twice: one SKU
    hidden = f.sku(code="HIDE")
    f.listed(dolphin, hidden, visible=False)  # not offered: not counted
    f.sku(code="NONE")  # not listed at all: not counted
    assert queries.kpis(timezone.now()).low_stock_skus == before + 1
