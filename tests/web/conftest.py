"""Storefront fixtures: two brands with their own look and risk notices, a SKU listed in both at
different prices, bonded stock, and buyers."""

import os
import shutil
from decimal import Decimal

import pytest

from tests import factories

# Playwright's sync API runs an event loop in the test thread; Django's ORM refuses to run inside one
# unless told that this is fine (it is: the loop is Playwright's, not ours).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

ID_NUMBER = "11010519491231002X"
PASSWORD = "correct-horse-9"


@pytest.fixture
def shop(db):
    """Two storefronts sharing one catalog: dolphin (marketplace, zh, tax separate) and wombat
    (self-operated, en, tax-inclusive)."""
    dolphin = factories.brand(
        "dolphin", name="海豚全球购", name_en="Dolphin Global", theme="dolphin", primary_color="#14213d",
        accent_color="#e63946", tagline="全球好物 一站直达", tagline_en="The world's shelves, one tap away",
        price_display="tax_separate", default_language="zh-hans",
        risk_notice="海豚全球购跨境商品风险告知书：商品符合原产地标准，可能无中文标签，仅限个人自用，不得再次销售。",
        risk_notice_en="Dolphin Global cross-border risk notice: origin-country standards, maybe no Chinese "
                       "label, personal use only, no resale.")
    wombat = factories.brand(
        "wombat", name="袋熊优选", name_en="Wombat Select", theme="wombat", kind="self_operated",
        primary_color="#2d6a4f", accent_color="#f4a261", tagline="自营进口 放心买", tagline_en="Imported by us, "
        "with care", price_display="tax_inclusive", default_language="en",
        risk_notice="袋熊优选跨境风险告知：原产地标准，可能无中文标签，仅限个人自用。",
        risk_notice_en="Wombat Select risk notice: origin-country standards, maybe no Chinese label, personal "
                       "use only, no resale.")
    formula = factories.sku(code="APT-1", title="爱他美白金版婴儿配方奶粉1段800g", title_en="Aptamil Profutura Stage 1 800g",
                            gtin="4008976022329", image_hue=210)
    serum = factories.sku(code="SER-1", title="修护精华液50ml", title_en="Repair serum 50ml", brand_name="Lumière",
                          image_hue=330, vat_rate=Decimal("0.13"), net_content=Decimal("50"), content_unit="ml",
                          consumption_tax_basis="high_end_cosmetics")
    bonded = factories.warehouse()
    factories.stock(formula, 50, bonded)
    factories.stock(serum, 3, bonded)
    listings = {
        "dolphin": factories.listed(dolphin, formula, "200.00", featured=True),
        "wombat": factories.listed(wombat, formula, "218.00", featured=True),
        "serum": factories.listed(dolphin, serum, "1000.00", featured=True),
    }
    return {"dolphin": dolphin, "wombat": wombat, "formula": formula, "serum": serum, "warehouse": bonded,
            "listings": listings}


@pytest.fixture
def buyer(db):
    return factories.customer(password=PASSWORD)


@pytest.fixture
def signed_in(client, buyer):
    client.force_login(buyer.user)
    return client


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]


@pytest.fixture
def browser_page():
    sync_api = pytest.importorskip("playwright.sync_api")
    if not (os.path.exists(CHROMIUM) or shutil.which("chromium")):
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium package")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
        page = context.new_page()
        page.set_default_timeout(15_000)
        try:
            yield page
        finally:
            # Between Playwright's sync calls the test thread counts as running Playwright's event loop, so
            # asgiref's thread-critical Local keeps the connections the ORM opens meanwhile (a fixture set up
            # after this one, the test's own queries) apart from the thread's own, in a context variable.
            # Once Playwright stops, nothing reaches them any more, not even pytest-django's teardown: such
            # a connection held PostgreSQL's test database at the end of the session. Close them while the
            # loop still counts as running, i.e. before Playwright's last calls.
            from django.db import connections

            connections.close_all()
            context.close()
            browser.close()
