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
from ninja.security import HttpBearer

from haitao.accounts.models import ApiToken, Customer, Identity, _digest
from haitao.accounts.services import customer_of
from haitao.common.errors import Forbidden


def _models():
    return ((ApiToken, "t"), (get_user_model(), "u"), (Customer, "c"), (Identity, "i"))


@lru_cache(maxsize=4)
def _lookup(alias: str):
    """(SQL, [(model, [(attname, converters)])]) for this database connection."""
    connection = connections[alias]
    qn = connection.ops.quote_name
    columns, plan = [], []
    for model, t in _models():
        fields = []
        for field in model._meta.concrete_fields:
            col = field.get_col(t)
            converters = connection.ops.get_db_converters(col) + col.get_db_converters(connection)
            columns.append(f"{t}.{qn(field.column)}")
            fields.append((field.attname, converters, col))
        plan.append((model, fields))
    token, user, customer, identity = (m._meta for m, _ in _models())
    sql = (f"SELECT {', '.join(columns)} FROM {qn(token.db_table)} t "
           f"JOIN {qn(user.db_table)} u ON u.{qn(user.pk.column)} = t.{qn(token.get_field('user').column)} "
           f"LEFT JOIN {qn(customer.db_table)} c ON c.{qn(customer.get_field('user').column)} = u.{qn(user.pk.column)} "
           f"LEFT JOIN {qn(identity.db_table)} i "
           f"ON i.{qn(identity.get_field('customer').column)} = c.{qn(customer.pk.column)} "
           f"WHERE t.{qn(token.get_field('key_hash').column)} = %s AND NOT t.{qn(token.get_field('revoked').column)}")
    return sql, plan


def token_owner(raw: str, alias: str = "default"):
    """The un-revoked token's user, with `.customer` and `.customer.identity` loaded (or known to be
    absent), in one statement; None for an unknown or revoked token."""
    sql, plan = _lookup(alias)
    connection = connections[alias]
    with connection.cursor() as cursor:
        cursor.execute(sql, [_digest(raw)])
        row = cursor.fetchone()
    if row is None:
        return None
    objects, at = [], 0
    for model, fields in plan:
        values = row[at:at + len(fields)]
        at += len(fields)
        if values[0] is None:  # no such related row (LEFT JOIN)
            objects.append(None)
            continue
        converted = []
        for (attname, converters, col), value in zip(fields, values):
            for convert in converters:
                value = convert(value, col, connection)
            converted.append(value)
        objects.append(model.from_db(alias, [a for a, _, _ in fields], converted))
    token, user, customer, identity = objects
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
