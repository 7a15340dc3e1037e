"""How many SQL statements one order placement and one payment take — an upper bound, so N+1
queries cannot creep back into the hot path."""

import json

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from haitao.accounts.services import issue_token
from haitao.orders import services as orders
from haitao.payments import services as payments
from haitao.payments.providers import SandboxProvider
from tests import factories as f
from tests.core.test_placement import request_for

pytestmark = pytest.mark.django_db

# A three-line order; SAVEPOINT statements from the test's own transaction are not counted.
PLACEMENT_BUDGET = 14
# Listing read, stock read (for the split), stock take, positive-list stamp, purchase, order, line,
# allocation, event, quota reserve + entry (one statement on PostgreSQL, two elsewhere). Issue 6 asks
# for at most 12; issue 13's purchase row and the split's stock read are two more (the lean flash-sale
# path, issue 15, is where statements are saved).
ONE_LINE_PLACEMENT_BUDGET = 11
# Through the view: + the token lookup, + the checkout rate limit's counter (an upsert in the database
# store; a Redis command instead with HAITAO_REDIS_URL); the response is built from what was written.
HTTP_ONE_LINE_PLACEMENT_BUDGET = 14
PAYMENT_BUDGET = 30  # includes writing the customs declarations (CEB311/411/511 outbox rows)


def _statements(captured):
    return [q["sql"] for q in captured.captured_queries if "SAVEPOINT" not in q["sql"]]


def test_statements_per_order_placement_and_payment():
    brand = f.brand()
    for code in ("A1", "A2", "A3"):
        s = f.sku(code=code)
        f.listed(brand, s, "100.00")
        f.stock(s, 50)
    buyer = f.customer()
    orders.place_order(buyer, request_for(brand, [("A1", 1)]))  # first order records the identity
    with CaptureQueriesContext(connection) as placing_one:
        orders.place_order(buyer, request_for(brand, [("A1", 1)], key="q-0"))
    with CaptureQueriesContext(connection) as placing:
        order, _ = orders.place_order(buyer, request_for(brand, [("A1", 1), ("A2", 2), ("A3", 1)], key="q-1"))
    payment = payments.start(order)
    body, signature = SandboxProvider().callback_for(payment)
    with CaptureQueriesContext(connection) as paying:
        assert payments.handle_callback("sandbox", body, signature) == "paid"
    placed, paid = _statements(placing), _statements(paying)
    print(f"\nplacement: {len(placed)} statements; payment callback: {len(paid)}")
    assert len(placed) <= PLACEMENT_BUDGET, placed
    assert len(_statements(placing_one)) <= ONE_LINE_PLACEMENT_BUDGET, _statements(placing_one)
    assert len(paid) <= PAYMENT_BUDGET, paid


def test_statements_per_order_through_the_api():
    brand = f.brand()
    s = f.sku(code="A1")
    f.listed(brand, s, "100.00")
    f.stock(s, 50)
    buyer = f.customer()
    client = Client(HTTP_AUTHORIZATION=f"Bearer {issue_token(buyer.user)}")
    body = {"items": [{"sku": "A1", "quantity": 1}],
            "consignee": {"name": "张三", "phone": "13800138000", "province": "浙江省", "city": "杭州市",
                          "district": "西湖区", "detail": "文三路 100 号"},
            "buyer": {"real_name": "张三", "id_number": "11010519491231002X"}, "risk_notice_accepted": True}

    def place(key):
        return client.post("/api/v1/brands/dolphin/orders", data=json.dumps(body), content_type="application/json",
                           HTTP_IDEMPOTENCY_KEY=key)

    assert place("first").status_code == 201  # records the identity
    seen = []  # request_started resets CaptureQueriesContext's log: count at the cursor instead

    def count(execute, sql, params, many, context):
        seen.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        placed = place("second")
    assert placed.status_code == 201
    assert placed.json() == client.get(f"/api/v1/orders/{placed.json()['number']}").json()
    statements = [sql for sql in seen if "SAVEPOINT" not in sql]
    print(f"\nPOST /orders: {len(statements)} statements")
    assert len(statements) <= HTTP_ONE_LINE_PLACEMENT_BUDGET, statements
