"""Sign-in back-off (issue 11: 300 wrong passwords on the API, 60 on the storefront, 30 on the admin met
no 429): per account and per client address, refused before the password is hashed."""

import json

import pytest
from django.contrib.auth import get_user_model
from django.test import Client, override_settings

from tests import factories as f

pytestmark = pytest.mark.django_db

LIMITS = {"login_account": [5, 900], "login_address": [20, 900], "register": [10, 3600], "checkout": [30, 600],
          "search": [120, 60]}


def api_login(client, email, password, address="10.0.0.1"):
    return client.post("/api/v1/auth/token", data=json.dumps({"email": email, "password": password}),
                       content_type="application/json", REMOTE_ADDR=address)


def web_login(client, email, password, address="10.0.0.1"):
    return client.post("/account/login/", {"email": email, "password": password}, REMOTE_ADDR=address)


def admin_login(client, email, password, address="10.0.0.1"):
    return client.post("/admin/login/?next=/admin/", {"username": email, "password": password},
                       REMOTE_ADDR=address)


@pytest.fixture
def hashes(monkeypatch):
    """How many times a password was hashed (checked)."""
    seen = []
    User = get_user_model()
    original = User.check_password

    def counting(self, raw):
        seen.append(raw)
        return original(self, raw)

    monkeypatch.setattr(User, "check_password", counting)
    return seen


@override_settings(RATE_LIMITS=LIMITS, LOGIN_BACKOFF_SECONDS=30)
@pytest.mark.parametrize("login, wrong_status", [(api_login, 401), (web_login, 422), (admin_login, 200)])
def test_wrong_passwords_on_one_account_back_off(login, wrong_status, hashes):
    victim = f.customer(email="victim@example.com")
    victim.user.is_staff = True
    victim.user.save()
    client = Client()
    for i in range(5):
        assert login(client, "victim@example.com", f"wrong-{i}", address=f"10.0.0.{i}").status_code == wrong_status
    hashed = len(hashes)
    refused = login(client, "victim@example.com", "wrong-again", address="10.9.9.9")
    assert refused.status_code == 429
    assert 1 <= int(refused["Retry-After"]) <= 30
    # even the right password waits: the account is locked out, and nothing was hashed for it
    assert login(client, "victim@example.com", "correct-horse-9", address="10.9.9.8").status_code == 429
    assert len(hashes) == hashed


@override_settings(RATE_LIMITS=LIMITS)
def test_api_answer_has_the_error_shape():
    f.customer(email="victim@example.com")
    client = Client()
    for i in range(5):
        api_login(client, "victim@example.com", f"wrong-{i}")
    body = api_login(client, "victim@example.com", "wrong").json()
    assert body["error"]["code"] == "throttled" and body["error"]["retry_after"] >= 1


@override_settings(RATE_LIMITS=LIMITS)
def test_one_address_guessing_many_accounts_is_locked_out(hashes):
    client = Client()
    for i in range(20):
        assert api_login(client, f"nobody{i}@example.com", "wrong-password", address="10.6.6.6").status_code == 401
    assert api_login(client, "someone-else@example.com", "wrong", address="10.6.6.6").status_code == 429
    # another address is not affected
    assert api_login(client, "someone-else@example.com", "wrong", address="10.7.7.7").status_code == 401


@override_settings(RATE_LIMITS=LIMITS, LOGIN_BACKOFF_SECONDS=30, LOGIN_BACKOFF_MAX_SECONDS=3600)
def test_back_off_doubles_with_each_further_failure(monkeypatch):
    import time

    from haitao.throttle import services as throttle

    now = [1_000_000.0]
    monkeypatch.setattr(time, "time", lambda: now[0])
    waits = []
    for _ in range(8):
        try:
            throttle.before_login("victim@example.com", "10.0.0.1")
        except throttle.Throttled as exc:
            waits.append(exc.retry_after)
            now[0] += exc.retry_after  # wait it out, then guess again
        throttle.login_failed("victim@example.com", "10.0.0.1")
    assert waits == [30, 60, 120]


@override_settings(RATE_LIMITS=LIMITS)
def test_right_password_clears_the_accounts_failures():
    f.customer(email="me@example.com")
    client = Client()
    for i in range(4):
        api_login(client, "me@example.com", f"typo-{i}", address="10.1.1.1")
    assert api_login(client, "me@example.com", "correct-horse-9", address="10.1.1.1").status_code == 201
    for i in range(4):
        assert api_login(client, "me@example.com", f"typo-{i}", address="10.1.1.2").status_code == 401
