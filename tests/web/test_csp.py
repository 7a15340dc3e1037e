"""The Content-Security-Policy (issue 11: there was none) is one the pages work under: in headless
Chromium the storefront, the admin, /ops/ and Swagger UI render with no CSP violation."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

pytestmark = pytest.mark.django_db(transaction=True)

PAGES = [  # (path, a selector that only renders when the page works)
    ("/", ".brand-tile"),
    ("/s/dolphin/", ".card, .product-card, main"),
    ("/s/wombat/p/APT-1/", "main"),
    ("/account/login/", "#sign-in"),
    ("/admin/", "#site-name"),
    ("/admin/orders/order/", "#changelist"),
    ("/ops/", "svg"),
    ("/api/docs", ".swagger-ui .info"),
]


def test_every_html_answer_has_the_policy(shop):
    response = Client().get("/s/dolphin/")
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "script-src 'self' 'nonce-" in policy and "unsafe-eval" not in policy
    nonce = policy.split("'nonce-")[1].split("'")[0]
    assert f'nonce="{nonce}"' in response.text  # the brand's inline colours carry it
    assert Client().get("/s/dolphin/")["Content-Security-Policy"] != policy  # a fresh nonce per answer


@pytest.fixture
def superuser(db):
    # made before the browser starts: an ORM call inside Playwright's sync context opens a connection of its
    # own (another context), which nothing closes and which then held the test database at teardown
    return get_user_model().objects.create_superuser("ops@example.com", "ops@example.com", "an-operator-pw-9")


@pytest.mark.browser
def test_pages_render_in_chromium_without_csp_violations(live_server, shop, superuser, browser_page):
    page = browser_page
    violations = []
    page.on("console", lambda msg: violations.append((page.url, msg.text)) if "Content Security Policy" in msg.text
            else None)
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "ops@example.com")
    page.fill("#id_password", "an-operator-pw-9")
    page.click("input[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")
    for path, selector in PAGES:
        page.goto(live_server.url + path)
        page.wait_for_selector(selector, state="attached")
    assert violations == [], "\n".join(f"{u}: {t}" for u, t in violations)
