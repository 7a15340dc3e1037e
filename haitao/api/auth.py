"""Bearer-token authentication for the API (tokens from POST /api/v1/auth/token).

Every shop request looks its token up, so the lookup is one hand-written statement (token, user,
customer and identity, as `ApiToken.objects.authenticate` selects them) built once from the models'
metadata and read through each column's own converters: the same rows and values as the ORM query,
without compiling it per request. Not cached across requests on purpose: revoking a token (also by
the admin's bulk action, which sends no signal) or deactivating a user takes effect on the next request.
"""

from functools import lru_cache

from django.contrib.auth import get_user_model
from django.db import connections
from django.utils import timezone
from ninja.security import HttpBearer

from haitao.accounts.models import ApiToken, Customer, Identity, _digest
from haitao.accounts.services import customer_of
from haitao.common import prebuilt
from haitao.common.errors import Forbidden


def _models():
    return ((ApiToken, "t"), (get_user_model(), "u"), (Customer, "c"), (Identity, "i"))


@lru_cache(maxsize=4)
def _lookup(alias: str):
    """(SQL, columns) of the token lookup on this database connection."""
    token, user, customer, identity = (m for m, _ in _models())
    cols = prebuilt.columns(alias, _models())

    def col(model, name):
        return prebuilt.column(model, name, alias)

    def tab(model):
        return prebuilt.table(model, alias)

    user_pk, customer_pk = col(user, user._meta.pk.name), col(customer, customer._meta.pk.name)
    sql = (f"SELECT {cols.select} FROM {tab(token)} t "
           f"JOIN {tab(user)} u ON u.{user_pk} = t.{col(token, 'user')} "
           f"LEFT JOIN {tab(customer)} c ON c.{col(customer, 'user')} = u.{user_pk} "
           f"LEFT JOIN {tab(identity)} i ON i.{col(identity, 'customer')} = c.{customer_pk} "
           f"WHERE t.{col(token, 'key_hash')} = %s AND NOT t.{col(token, 'revoked')} "
           f"AND t.{col(token, 'expires_at')} > %s")
    return sql, cols


def token_owner(raw: str, alias: str = "default"):
    """The un-revoked, unexpired token's user, with `.customer` and `.customer.identity` loaded (or known
    to be absent), in one statement; None for an unknown, revoked or expired token."""
    sql, cols = _lookup(alias)
    with connections[alias].cursor() as cursor:
        cursor.execute(sql, [_digest(raw), timezone.now()])
        row = cursor.fetchone()
    if row is None:
        return None
    token, user, customer, identity = cols.instances(row, alias)
    token.user = user
    if customer is None:  # known absent, as select_related marks it: customer_of() makes one for an operator
        type(user).customer.related.set_cached_value(user, None)
    else:
        user.customer = customer
        if identity is None:
            Customer.identity.related.set_cached_value(customer, None)
        else:
            customer.identity = identity
    return token


class TokenAuth(HttpBearer):
    def authenticate(self, request, token):
        found = token_owner(token)
        if found is None or not found.user.is_active:
            return None
        request.user = found.user
        return found.user


class OperatorAuth(TokenAuth):
    def authenticate(self, request, token):
        user = super().authenticate(request, token)
        if user is not None and not user.is_staff:
            raise Forbidden("operator_only", "This endpoint is for operators.")
        return user


def customer(request):
    return customer_of(request.auth)
