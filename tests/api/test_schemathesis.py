"""schemathesis against /api/openapi.json, in process through the WSGI application (no network), as
every role: no answer is a 5xx, and every answer matches the document (status code, content type,
body schema). The hand-written junk fuzzing of test_fuzz.py stays beside it; this one reads the
document, so a new endpoint is fuzzed without touching the test.

Roles: ROLES maps a role name to a function giving its request headers; another role (a brand
operator, customer service, finance) is one more entry.
"""

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from hypothesis import HealthCheck, settings

from haitao.accounts.services import issue_token
from haitao.wsgi import application
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (content_type_conformance, response_schema_conformance,
                                               status_code_conformance)
from tests import factories as f

pytestmark = [pytest.mark.django_db,
              # fuzzed brand codes make odd cache keys: harmless for the local and Redis caches we use
              pytest.mark.filterwarnings("ignore::django.core.cache.backends.base.CacheKeyWarning")]

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
# Kept small: the suite runs on PostgreSQL and SQLite in CI, whose budget is a few minutes for this.
EXAMPLES_PER_OPERATION = 6


def _token_for(customer) -> dict:
    return {"Authorization": f"Bearer {issue_token(customer.user)}"}


def _staff(world) -> dict:
    staff = f.customer()
    staff.user.is_staff = True
    staff.user.save()
    return _token_for(staff)


ROLES = {
    "anonymous": lambda world: {},
    "buyer": lambda world: _token_for(world["buyer"]),
    "staff": _staff,
}

schema = schemathesis.openapi.from_wsgi("/api/openapi.json", application)


@pytest.fixture
def world(settings):
    """A brand with a SKU in stock, and a buyer with an identity: enough for every operation to have
    something to find. Rate limits are lifted: the fuzzer is one client sending many requests."""
    settings.RATE_LIMITS = {name: [10**9, 60] for name in settings.RATE_LIMITS}
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    brand = f.brand()
    sku = f.sku(code="APT3")
    f.listed(brand, sku, "200.00")
    f.stock(sku, 1000)
    return {"brand": brand, "buyer": f.customer()}


@pytest.fixture
def in_process():
    """Django closes the connection at the end of each WSGI request; inside the test's transaction that
    would lose the test data, so (as Django's own test client does) keep it open."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.mark.parametrize("role", sorted(ROLES))
@schema.parametrize()
@settings(max_examples=EXAMPLES_PER_OPERATION, deadline=None, database=None,
          suppress_health_check=list(HealthCheck))
def test_api_conforms_to_its_document(case, role, world, in_process, request):
    headers = request.getfixturevalue("_role_headers_cache").setdefault(role, ROLES[role](world))
    case.call_and_validate(headers=headers, checks=CHECKS)


@pytest.fixture
def _role_headers_cache():
    """One token per role per test, not one per generated example."""
    return {}
