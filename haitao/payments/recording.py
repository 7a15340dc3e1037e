"""The payment callback's writes to payments' own tables — its callback row, the raw notification,
the ledger entries and the payment's new state — as ONE statement on PostgreSQL (a data-modifying
``WITH``), the ORM's statements elsewhere. Issue 15 holds a callback to 8 statements; these four
writes alone were four. The text is put together from the models' metadata, as
``common.prebuilt`` does: the same columns and stored values as ``bulk_create``/``save`` (each
field's ``pre_save`` and ``get_db_prep_save``, encryption included). Only ``payments.services`` calls it.
"""

from __future__ import annotations

from django.db import connections

from haitao.common.prebuilt import _insert_head


def _insert(objs: list, ignore_conflicts: bool, connection) -> tuple[str, list]:
    head, fields = _insert_head(type(objs[0]), connection.alias)
    values: list = []
    for obj in objs:
        obj._prepare_related_fields_for_save(operation_name="insert")
        values.extend(f.get_db_prep_save(f.pre_save(obj, True), connection) for f in fields)
    row = "(" + ", ".join(["%s"] * len(fields)) + ")"
    return head + ", ".join([row] * len(objs)) + (" ON CONFLICT DO NOTHING" if ignore_conflicts else ""), values


def _update(obj, names: list[str], connection) -> tuple[str, list]:
    qn, meta = connection.ops.quote_name, obj._meta
    fields = [meta.get_field(name) for name in names]
    sets = ", ".join(f"{qn(f.column)} = %s" for f in fields)
    values = [f.get_db_prep_save(f.pre_save(obj, False), connection) for f in fields]
    return f"UPDATE {qn(meta.db_table)} SET {sets} WHERE {qn(meta.pk.column)} = %s", [*values, obj.pk]


def write(inserts: list[tuple[list, bool]], update=None, update_fields: list[str] | None = None,
          using: str = "default") -> None:
    """INSERT each (instances of one model, ignore_conflicts) group, then UPDATE ``update_fields`` of
    ``update``: one statement on PostgreSQL, so a unique violation (a repeated callback) undoes all of
    it. New rows get no primary key back (nothing reads them afterwards)."""
    inserts = [(objs, ignore) for objs, ignore in inserts if objs]
    connection = connections[using]
    if connection.vendor != "postgresql":
        for objs, ignore in inserts:
            type(objs[0])._default_manager.using(using).bulk_create(objs, ignore_conflicts=ignore)
        if update is not None:
            update.save(update_fields=update_fields)
        return
    parts = [_insert(objs, ignore, connection) for objs, ignore in inserts]
    if update is not None:
        parts.append(_update(update, update_fields or [], connection))
    *ctes, (final, final_params) = parts
    sql = ("WITH " + ", ".join(f"w{i} AS ({text})" for i, (text, _) in enumerate(ctes)) + " " if ctes else "") + final
    params = [value for _, values in ctes for value in values] + final_params
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
