"""Refunds by operators within their own limit, and API messages in the client's language."""

import json
from decimal import Decimal

import pytest
from django.test import Client

from haitao.accounts.services import issue_token
from haitao.operators.models import AuditEntry
from haitao.payments.models import Refund

pytestmark = pytest.mark.django_db


def _refund(world, role, order, amount, key="r1", **headers):
    user = world["users"][role]
    return Client().post(f"/api/v1/operator/orders/{order.number}/refunds",
                         json.dumps({"amount": amount, "reason": "damaged tin", "key": key}),
                         content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {issue_token(user)}",
                         **headers)


def test_customer_service_refunds_within_their_limit_in_their_brand(world):
    order = world["dolphin"]["paid"]
    over = _refund(world, "customer_service", order, "500.01")
    assert over.status_code == 403 and over.json()["error"]["code"] == "refund_over_limit"
    assert over.json()["error"]["limit"] == "500.00"
    done = _refund(world, "customer_service", order, "50.00")
    assert done.status_code == 201 and Decimal(done.json()["amount"]) == Decimal("50.00")
    assert Refund.objects.get().amount == Decimal("50.00")
    entry = AuditEntry.objects.get(action="refund")
    assert (entry.actor_name, entry.area, entry.brand_code, entry.detail["amount"]) == (
        "cs-dolphin", "money", "dolphin", "50.00")
    other = _refund(world, "customer_service", world["wombat"]["paid"], "1.00", key="r2")
    assert other.status_code == 404 and other.json()["error"]["code"] == "order_not_found"
    assert Refund.objects.count() == 1


@pytest.mark.parametrize("role", ["dolphin_operator", "finance", "staff_without_role"])
def test_roles_without_the_refund_permission_cannot_refund(world, role):
    response = _refund(world, role, world["dolphin"]["paid"], "1.00")
    assert response.status_code == 403 and response.json()["error"]["code"] == "permission_denied"
    assert not Refund.objects.exists()


def test_api_messages_follow_accept_language_and_codes_do_not(world):
    english = _refund(world, "finance", world["dolphin"]["paid"], "1.00")
    chinese = _refund(world, "finance", world["dolphin"]["paid"], "1.00", HTTP_ACCEPT_LANGUAGE="zh-CN,zh;q=0.9")
    assert english.json()["error"]["code"] == chinese.json()["error"]["code"] == "permission_denied"
    assert english.json()["error"]["message"] == "Your role does not allow this."
    assert chinese.json()["error"]["message"] == "您的角色无权执行此操作。"
    assert chinese["Content-Language"] == "zh-hans"
    register = Client().post("/api/v1/auth/register", json.dumps({"email": "not-an-email", "password": "x" * 12}),
                             content_type="application/json", HTTP_ACCEPT_LANGUAGE="zh-Hans")
    assert register.json()["error"]["code"] == "invalid_email"
    assert register.json()["error"]["message"] == "请输入有效的电子邮箱地址。"
    anonymous = Client().get("/api/v1/me", HTTP_ACCEPT_LANGUAGE="zh")
    assert anonymous.json()["error"]["code"] == "unauthorized"
    assert anonymous.json()["error"]["message"].startswith("请发送")
    assert Client().get("/api/v1/me").json()["error"]["message"].startswith("Send")
