"""The review queue: accept applies the match, reject creates a new record; the admin shows both sides."""

from __future__ import annotations

import pytest
from django.urls import reverse

from haitao.accounts.models import Customer
from haitao.brands.models import Brand
from haitao.catalog.models import Listing, Sku
from haitao.common.errors import InvalidInput
from haitao.consolidation import services
from haitao.consolidation.models import ReviewItem, SourceRecord
from haitao.orders.models import Order

from .conftest import SAMPLE

pytestmark = pytest.mark.django_db


@pytest.fixture
def queued(demo_db):
    services.consolidate(SAMPLE, "kiwi")
    return {(i.kind, i.source_id): i for i in ReviewItem.objects.all()}


def test_accepting_a_product_lists_it_on_the_shared_sku(queued):
    item = queued[("product", "kp055")]
    assert item.proposed == "SC-LAN-01"
    services.accept_review(item, actor="operator:test")
    kiwi = Brand.objects.get(code="kiwi")
    assert Listing.objects.get(brand=kiwi, sku__code="SC-LAN-01").price.to_eng_string() == "760.00"
    mapping = SourceRecord.objects.get(platform="kiwi", kind="product", source_id="kp055")
    assert (mapping.decision, mapping.target) == ("matched", "SC-LAN-01")
    item.refresh_from_db()
    assert item.state == ReviewItem.State.ACCEPTED and item.decided_by == "operator:test"
    with pytest.raises(InvalidInput):
        services.accept_review(item)
    # the order that waited for kp055 comes in with the next run; nothing else changes
    report = services.consolidate(SAMPLE, "kiwi")
    assert Order.objects.filter(number="KIWI-KO-2026-0012").exists()
    assert report["counts"]["orders"]["deferred"] == 1


def test_rejecting_a_product_creates_a_new_sku(queued):
    skus = Sku.objects.count()
    services.reject_review(queued[("product", "kp054")])
    assert Sku.objects.count() == skus + 1
    sku = Sku.objects.get(code="KIWI-KP054")
    assert Listing.objects.filter(brand__code="kiwi", sku=sku).exists()
    assert SourceRecord.objects.get(platform="kiwi", kind="product", source_id="kp054").decision == "created"


def test_accepting_a_customer_links_and_rejecting_creates(queued):
    item = queued[("customer", "kc07")]
    zhao = Customer.objects.get(user__username="demo6@haitao.test")
    assert item.proposed == str(zhao.pk)
    assert "137" not in str(item.source) or "****" in str(item.source["phone"])  # masked for display
    services.accept_review(item)
    assert SourceRecord.objects.get(platform="kiwi", kind="customer", source_id="kc07").target == str(zhao.pk)
    services.consolidate(SAMPLE, "kiwi")
    assert Order.objects.get(number="KIWI-KO-2026-0011").customer == zhao


def test_rejecting_a_customer_creates_a_new_account(queued):
    customers = Customer.objects.count()
    services.reject_review(queued[("customer", "kc07")])
    assert Customer.objects.count() == customers + 1
    assert Customer.objects.filter(user__username="kiwi-kc07@import.haitao").exists()


def test_admin_shows_both_sides_and_applies_the_actions(queued, admin_client):
    item = queued[("product", "kp055")]
    page = admin_client.get(reverse("admin:consolidation_reviewitem_change", args=[item.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert "兰蔻 精华 50ml" in html and "兰蔻 小黑瓶 肌底精华液 50ml" in html
    person = queued[("customer", "kc07")]
    page = admin_client.get(reverse("admin:consolidation_reviewitem_change", args=[person.pk])).content.decode()
    assert "13700000007" not in page  # personal data masked
    assert admin_client.get(reverse("admin:consolidation_reviewitem_changelist")).status_code == 200
    response = admin_client.post(reverse("admin:consolidation_reviewitem_changelist"),
                                 {"action": "accept", "_selected_action": [item.pk]})
    assert response.status_code == 302
    response = admin_client.post(reverse("admin:consolidation_reviewitem_changelist"),
                                 {"action": "reject", "_selected_action": [queued[("product", "kp054")].pk]})
    assert dict(ReviewItem.objects.values_list("source_id", "state"))["kp055"] == "accepted"
    assert dict(ReviewItem.objects.values_list("source_id", "state"))["kp054"] == "rejected"
    for name in ("consolidationrun", "sourcerecord"):
        assert admin_client.get(reverse(f"admin:consolidation_{name}_changelist")).status_code == 200


def test_an_items_page_has_accept_and_reject_buttons_that_decide_it(queued, admin_client):
    product, person = queued[("product", "kp055")], queued[("customer", "kc07")]
    url = reverse("admin:consolidation_reviewitem_change", args=[product.pk])
    page = admin_client.get(url).content.decode()
    assert 'name="_accept_item"' in page and 'name="_reject_item"' in page
    response = admin_client.post(url, {"_accept_item": "Accept"}, follow=True)
    assert response.redirect_chain[-1][0] == url
    product.refresh_from_db()
    assert (product.state, product.decided_by) == ("accepted", "operator:admin")
    assert Listing.objects.filter(brand__code="kiwi", sku__code="SC-LAN-01").exists()  # the service's work
    assert 'name="_accept_item"' not in response.content.decode()  # decided: no buttons any more
    customers = Customer.objects.count()
    url = reverse("admin:consolidation_reviewitem_change", args=[person.pk])
    admin_client.post(url, {"_reject_item": "Reject"})
    person.refresh_from_db()
    assert person.state == "rejected" and Customer.objects.count() == customers + 1
    response = admin_client.post(url, {"_accept_item": "Accept"}, follow=True)  # already decided: refused
    person.refresh_from_db()
    assert person.state == "rejected"
    assert any(m.level_tag == "warning" for m in response.context["messages"])
