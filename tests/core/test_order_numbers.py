"""Order numbers: readable (HT + Shanghai date + 10 digits), unique, and a taken number is drawn again
instead of failing the order (it used to be an unhandled IntegrityError, an HTTP 500)."""

import json
from datetime import datetime, timezone as dt_timezone

import pytest
from django.db import connection
from django.test import Client

from haitao.accounts.services import issue_token
from haitao.orders import numbers
from haitao.orders import services as orders
from haitao.orders.models import Order
from tests import factories as f
from tests.core.test_placement import request_for, shop  # noqa: F401 - the fixture

pytestmark = pytest.mark.django_db


@pytest.fixture
def brand(shop):  # noqa: F811 - the fixture imported above
    return shop[0]


@pytest.fixture
def pinned(monkeypatch):
    """The number source answers these values in turn (the sequence or the random draw, pinned)."""
    values: list[int] = []
    monkeypatch.setattr(numbers, "number_value", lambda alias="default": values.pop(0))
    return values


def test_a_number_is_the_shanghai_date_and_ten_digits(brand, pinned):
    pinned.append(42)
    late_utc = datetime(2026, 11, 29, 17, 0, tzinfo=dt_timezone.utc)  # already the 30th in Shanghai
    order, _ = orders.place_order(f.customer(), request_for(brand, [("APT3", 1)]), now=late_utc)
    assert order.number == "HT202611300000000042"


def test_a_taken_number_is_drawn_again(brand, pinned):
    pinned.extend([7, 7, 8])
    first, _ = orders.place_order(f.customer(), request_for(brand, [("APT3", 1)]))
    second, _ = orders.place_order(f.customer("b@example.com"),  # another buyer: an ID number has one account
                                   request_for(brand, [("APT3", 1)], buyer_id_number=f.VALID_IDS[1]))
    assert (first.number[-10:], second.number[-10:]) == ("0000000007", "0000000008")
    assert Order.objects.count() == 2 and pinned == []


def test_a_collision_over_http_is_no_500(brand, pinned):
    pinned.extend([5, 5, 6])
    body = {"items": [{"sku": "APT3", "quantity": 1}],
            "consignee": {"name": "张三", "phone": "13800138000", "province": "浙江省", "city": "杭州市",
                          "district": "西湖区", "detail": "文三路 100 号"},
            "buyer": {"real_name": "张三", "id_number": "11010519491231002X"}, "risk_notice_accepted": True}
    answers = []
    for email, id_number in (("a@example.com", f.VALID_IDS[0]), ("b@example.com", f.VALID_IDS[1])):
        client = Client(HTTP_AUTHORIZATION=f"Bearer {issue_token(f.customer(email).user)}")
        body["buyer"]["id_number"] = id_number  # two buyers: an ID number is bound to one account
        answers.append(client.post("/api/v1/brands/dolphin/orders", data=json.dumps(body),
                                   content_type="application/json", HTTP_IDEMPOTENCY_KEY="k1"))
    assert [a.status_code for a in answers] == [201, 201], answers[1].content
    assert [a.json()["number"][-10:] for a in answers] == ["0000000005", "0000000006"]


def test_a_replayed_key_is_still_the_first_order_not_a_new_number(brand, pinned):
    pinned.extend([1, 2])
    buyer = f.customer()
    first, created = orders.place_order(buyer, request_for(brand, [("APT3", 1)], key="same"))
    again, created_again = orders.place_order(buyer, request_for(brand, [("APT3", 1)], key="same"))
    assert (created, created_again, again.pk) == (True, False, first.pk)


def test_the_source_gives_distinct_ten_digit_values():
    values = [numbers.number_value() for _ in range(250)]  # over two sequence blocks on PostgreSQL
    assert len(set(values)) == 250 and all(0 <= v < numbers.SPACE for v in values)
    if connection.vendor == "postgresql":  # from the sequence, spread by the bijection
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT last_value FROM {numbers.SEQUENCE}")
            last = cursor.fetchone()[0]
        assert values[-1] in {v * numbers.SCRAMBLE % numbers.SPACE for v in range(last, last + numbers.BLOCK)}
