"""What the buyer does and sees: cancel and return in the storefront and through the API, each
refusal with a code and a sentence in both languages."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from haitao.accounts.services import issue_token
from haitao.orders.states import Status
from haitao.returns import services as returns
from haitao.returns.models import ReturnRequest

from .conftest import run_until

pytestmark = pytest.mark.django_db


def test_storefront_partial_return_to_refund(place_and_pay, client):
    order = place_and_pay([("APT3", 2)])
    run_until(order, Status.DELIVERED)
    client.force_login(order.customer.user)
    page_url = reverse("web:order", args=[order.brand.code, order.number])
    page = client.get(page_url).content.decode()
    assert 'id="return-form"' in page and 'id="cancel-order"' not in page
    client.post(reverse("web:order-return", args=[order.brand.code, order.number]),
                {"qty_1": "1", "reason": "多买了一罐"})
    request = ReturnRequest.objects.get(order=order)
    assert [(x.order_line.gnum, x.quantity) for x in request.lines.all()] == [(1, 1)]
    assert 'data-status="requested"' in client.get(page_url).content.decode()
    returns.approve(request, "operator:ops")
    run_until(order, Status.RETURN_REQUESTED)  # CEB625 out, CEB626 back
    returns.receive(request, "operator:ops", {1: "sellable"})
    page = client.get(page_url).content.decode()
    assert 'data-status="completed"' in page and "218.20" in page  # 200.00 + its 18.20 tax, refunded
    account = client.get(reverse("web:account", args=[order.brand.code])).content.decode()
    used = account.split('id="quota-used">', 1)[1].split("<", 1)[0]
    assert "200.00" in used and "400.00" not in used  # the quota used fell to the kept unit's 200.00


def test_storefront_cancel_of_a_released_order_shows_why(place_and_pay, client):
    order = place_and_pay([("APT3", 1)])
    run_until(order, Status.SHIPPED)
    client.force_login(order.customer.user)
    response = client.post(reverse("web:order-cancel", args=[order.brand.code, order.number]), follow=True)
    assert "退货" in response.content.decode()  # the zh storefront says: request a return instead
    order.refresh_from_db()
    assert order.status == Status.SHIPPED


def test_api_cancel_and_return(place_and_pay, client):
    order = place_and_pay([("APT3", 2)])
    auth = {"HTTP_AUTHORIZATION": f"Bearer {issue_token(order.customer.user)}"}
    early = client.post(f"/api/v1/orders/{order.number}/return", json.dumps(
        {"lines": [{"gnum": 1, "quantity": 1}], "reason": "x"}), content_type="application/json", **auth)
    assert early.status_code == 409 and early.json()["error"]["code"] == "return_before_release"
    run_until(order, Status.DELIVERED)
    refused = client.post(f"/api/v1/orders/{order.number}/cancel", **auth)
    error = refused.json()["error"]
    assert refused.status_code == 409 and error["code"] == "order_released_use_return"
    assert error["message_zh"] and error["message"]
    assert client.get(f"/api/v1/orders/{order.number}/return", **auth).status_code == 404
    too_many = client.post(f"/api/v1/orders/{order.number}/return", json.dumps(
        {"lines": [{"gnum": 1, "quantity": 3}], "reason": "x"}), content_type="application/json", **auth)
    assert too_many.status_code == 422 and too_many.json()["error"]["code"] == "return_quantity_invalid"
    made = client.post(f"/api/v1/orders/{order.number}/return", json.dumps(
        {"lines": [{"gnum": 1, "quantity": 1}], "reason": "破损"}), content_type="application/json", **auth)
    assert made.status_code == 201 and made.json()["status"] == "requested"
    shown = client.get(f"/api/v1/orders/{order.number}/return", **auth).json()
    assert shown["lines"] == [{"gnum": 1, "title": shown["lines"][0]["title"], "quantity": 1,
                               "refund_amount": "218.20", "condition": "pending"}]


def test_api_cancel_of_a_held_order_goes_to_customs(place_and_pay, client):
    order = place_and_pay([("APT3", 1)])
    run_until(order, Status.CUSTOMS_ACCEPTED, hold=True)
    auth = {"HTTP_AUTHORIZATION": f"Bearer {issue_token(order.customer.user)}"}
    response = client.post(f"/api/v1/orders/{order.number}/cancel", **auth)
    assert response.status_code == 200 and response.json()["status"] == Status.CANCEL_REQUESTED
