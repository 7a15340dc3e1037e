"""The API's one-statement token lookup gives what ApiToken.objects.authenticate gives, and revocation
or deactivation takes effect on the very next request (nothing is cached across requests)."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from haitao.accounts.models import ApiToken, Identity
from haitao.accounts.services import issue_token
from haitao.api.auth import token_owner
from tests import factories as f

pytestmark = pytest.mark.django_db


def _fields(obj):
    return {k: v for k, v in obj.__dict__.items() if not k.startswith("_")}


def test_same_rows_as_the_orm_lookup_with_and_without_identity():
    buyer = f.customer()
    raw = issue_token(buyer.user)
    for _ in range(2):
        orm, mine = ApiToken.objects.authenticate(raw), token_owner(raw)
        assert _fields(mine) == _fields(orm) and _fields(mine.user) == _fields(orm.user)
        assert _fields(mine.user.customer) == _fields(orm.user.customer)
        with CaptureQueriesContext(connection) as loaded:
            identity = getattr(mine.user.customer, "identity", None)
        assert len(loaded.captured_queries) == 0  # known, present or absent
        if identity is None:
            Identity.objects.create(customer=buyer, real_name="张三", id_number="11010519491231002X",
                                    id_masked="1101**********002X", id_hash="h" * 64)
        else:
            assert identity.id_number == "11010519491231002X" and _fields(identity) == _fields(orm.user.customer.identity)
    assert token_owner("ht_nope") is None


def test_operator_without_customer_and_revocation_at_once():
    User = get_user_model()
    op = User.objects.create_user("op@example.com", "op@example.com", "correct-horse-9", is_staff=True)
    op.groups.add(Group.objects.get(name="platform admin"))  # a staff flag alone opens no operator endpoint
    raw = issue_token(op)
    found = token_owner(raw)
    with CaptureQueriesContext(connection) as loaded:
        assert getattr(found.user, "customer", None) is None
    assert len(loaded.captured_queries) == 0
    c = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert c.get("/api/v1/operator/orders").status_code == 200
    ApiToken.objects.filter(user=op).update(revoked=True)  # the admin's bulk action: no signal
    assert c.get("/api/v1/operator/orders").status_code == 401
    buyer = f.customer()
    c = Client(HTTP_AUTHORIZATION=f"Bearer {issue_token(buyer.user)}")
    assert c.get("/api/v1/me").status_code == 200
    User.objects.filter(pk=buyer.user.pk).update(is_active=False)
    assert c.get("/api/v1/me").status_code == 401
