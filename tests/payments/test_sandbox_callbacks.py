"""The sandbox's callbacks: signed but malformed is a 400 with the error shape (never a 500)."""

import json

import pytest

from haitao.payments.providers import SandboxProvider

pytestmark = pytest.mark.django_db
URL = "/api/v1/payments/sandbox/callback"


@pytest.mark.parametrize("body, code", [
    (b"{not json", "malformed_json"),
    (b"[1, 2]", "malformed_json"),
    (json.dumps({"event_id": "e1"}).encode(), "missing_field"),
    (json.dumps({"event_id": "e1", "reference": "PAY1", "status": "succeeded", "amount": "NaN",
                 "transaction_id": "T1"}).encode(), "invalid_amount"),
])
def test_signed_but_malformed_callbacks_are_a_400(client, body, code):
    resp = client.post(URL, data=body, content_type="application/json",
                       HTTP_X_SANDBOX_SIGNATURE=SandboxProvider().sign(body))
    assert resp.status_code == 400
    assert resp.json()["error"]["code"] == code and set(resp.json()["error"]) >= {"code", "message", "field"}
