"""The few hot-path statements written by hand (token lookup, placement's listing read, the order's
INSERTs): built once per process from the models' metadata and read back through each column's own
converters, so they give the same objects and values as the ORM's select_related query or bulk_create
without compiling a query per request. Everything else uses the ORM.
"""

from dataclasses import dataclass
from functools import lru_cache

from django.db import connections


@dataclass(frozen=True)
class Columns:
    """The SELECT list for (model, table alias) pairs and how to turn a row back into instances."""

    select: str
    plan: tuple  # ((model, ((attname, converters, col), ...)), ...)

    def instances(self, row, alias: str) -> list:
        """One instance per model, in order; None for a model whose row is absent (LEFT JOIN)."""
        connection = connections[alias]
        objects, at = [], 0
        for model, fields in self.plan:
            values = row[at:at + len(fields)]
            at += len(fields)
            if values[0] is None:  # the primary key comes first: no such related row
                objects.append(None)
                continue
            converted = []
            for (_attname, converters, col), value in zip(fields, values):
                for convert in converters:
                    value = convert(value, col, connection)
                converted.append(value)
            objects.append(model.from_db(alias, [attname for attname, _, _ in fields], converted))
        return objects


def columns(alias: str, models) -> Columns:
    """Columns of every concrete field of each (model, table alias), primary key first."""
    connection = connections[alias]
    qn = connection.ops.quote_name
    select, plan = [], []
    for model, t in models:
        fields = []
        for field in model._meta.concrete_fields:  # the primary key is the first concrete field
            col = field.get_col(t)
            converters = connection.ops.get_db_converters(col) + col.get_db_converters(connection)
            select.append(f"{t}.{qn(field.column)}")
            fields.append((field.attname, converters, col))
        plan.append((model, tuple(fields)))
    return Columns(", ".join(select), tuple(plan))


def column(model, name: str, alias: str = "default") -> str:
    """The quoted column of `model.name` (a field name or attname)."""
    return connections[alias].ops.quote_name(model._meta.get_field(name).column)


def table(model, alias: str = "default") -> str:
    return connections[alias].ops.quote_name(model._meta.db_table)


AUTO_FIELDS = ("AutoField", "BigAutoField", "SmallAutoField")


@lru_cache(maxsize=64)
def _insert_head(model, alias: str) -> tuple[str, tuple]:
    """(INSERT INTO table (columns) VALUES, the fields in column order) of `model`: every concrete
    field but a database-generated primary key."""
    qn = connections[alias].ops.quote_name
    meta = model._meta
    fields = tuple(f for f in meta.concrete_fields if not (f.primary_key and f.get_internal_type() in AUTO_FIELDS))
    return f"INSERT INTO {qn(meta.db_table)} ({', '.join(qn(f.column) for f in fields)}) VALUES ", fields


def insert(objs: list, alias: str = "default") -> None:
    """INSERT new instances of one model in one statement, as `bulk_create` does: each field's pre_save
    and get_db_prep_save, no signals, the new keys set on the instances (RETURNING, which PostgreSQL
    and SQLite ≥ 3.35 give in row order). The statement text is put together from a head built once
    per model instead of compiling the ORM's insert on every call."""
    if not objs:
        return
    connection = connections[alias]
    if not connection.features.can_return_rows_from_bulk_insert:  # an old SQLite: the ORM's own way
        type(objs[0])._default_manager.using(alias).bulk_create(objs)
        return
    head, fields = _insert_head(type(objs[0]), alias)
    values = []
    for obj in objs:
        obj._prepare_related_fields_for_save(operation_name="insert")  # as bulk_create: FK ids from objects
        values.extend(f.get_db_prep_save(f.pre_save(obj, True), connection) for f in fields)
    row = "(" + ", ".join(["%s"] * len(fields)) + ")"
    pk = objs[0]._meta.pk
    with connection.cursor() as cursor:
        cursor.execute(f"{head}{', '.join([row] * len(objs))} RETURNING {connection.ops.quote_name(pk.column)}",
                       values)
        keys = cursor.fetchall()
    for obj, (key,) in zip(objs, keys):
        setattr(obj, pk.attname, key)
        obj._state.adding, obj._state.db = False, alias
