"""Fuzz every operation of the OpenAPI document with junk: paths, query strings and JSON bodies of
every shape. Whatever arrives, the answer is never a 5xx, and an error always has the error body."""

import json
import re

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings, strategies as st

from haitao.accounts.services import issue_token
from tests import factories as f

pytestmark = pytest.mark.django_db

json_values = st.recursive(
    st.none() | st.booleans() | st.integers(min_value=-10**30, max_value=10**30) | st.text(max_size=30)
    | st.floats(allow_nan=False, allow_infinity=False),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=5),
    max_leaves=12)
path_values = st.sampled_from(["dolphin", "APT3", "nope", "0", "-1", "%E4%B8%AD", "x" * 300, "HT2026112500000001",
                               "00000000-0000-0000-0000-000000000000"])
FIELDS = ["items", "cart", "consignee", "buyer", "risk_notice_accepted", "sku", "quantity", "email", "password",
          "warehouse", "on_hand"]


def operations():
    from haitao.api.app import api

    schema = api.get_openapi_schema()
    return [(method.upper(), path) for path, ops in schema["paths"].items() for method in ops]


@pytest.fixture
def world():
    brand = f.brand()
    sku = f.sku(code="APT3")
    f.listed(brand, sku, "200.00")
    f.stock(sku, 10)
    staff = f.customer()
    staff.user.is_staff = True
    staff.user.save()
    return {"HTTP_AUTHORIZATION": f"Bearer {issue_token(staff.user)}"}


@pytest.mark.parametrize("method, path", operations())
def test_no_operation_answers_5xx_to_junk(world, method, path):
    client = Client(raise_request_exception=False)

    @settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    @given(params=st.fixed_dictionaries({}, optional={name: path_values for name in re.findall(r"{(\w+)}", path)}),
           body=st.one_of(json_values, st.fixed_dictionaries({}, optional={k: json_values for k in FIELDS}),
                          st.text(max_size=40).map(lambda t: ("RAW", t))),
           query=st.dictionaries(st.sampled_from(["q", "limit", "offset", "category", "status", "provider"]),
                                 st.text(max_size=12), max_size=3))
    def check(params, body, query):
        url = re.sub(r"{(\w+)}", lambda m: params.get(m.group(1), "x"), path)
        data = body[1] if isinstance(body, tuple) else json.dumps(body)
        response = client.generic(method, url + ("?" + "&".join(f"{k}={v}" for k, v in query.items())
                                                 if query else ""),
                                  data=data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data,
                                  content_type="application/json", **world)
        assert response.status_code < 500, (method, url, body, response.content[:300])
        if response.status_code >= 400:
            assert "error" in response.json(), response.content[:300]

    check()
