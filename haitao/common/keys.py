"""Key rotation for encrypted personal data: re-encrypt every encrypted column under the current key.

Works on the raw ciphertext (plain SQL), so clear text never passes through model instances or logs.
"""

from django.apps import apps
from django.db import connection, transaction

from .crypto import EncryptedTextField, rotate


def rotate_all(batch: int = 500) -> dict[str, int]:
    done: dict[str, int] = {}
    quote = connection.ops.quote_name
    for model in apps.get_models():
        columns = [f.column for f in model._meta.concrete_fields if isinstance(f, EncryptedTextField)]
        if not columns:
            continue
        table, pk = quote(model._meta.db_table), quote(model._meta.pk.column)
        count, last = 0, None
        while True:
            with transaction.atomic(), connection.cursor() as cursor:
                where = f"WHERE {pk} > %s" if last is not None else ""
                cursor.execute(f"SELECT {pk}, {', '.join(quote(c) for c in columns)} FROM {table} {where} "
                               f"ORDER BY {pk} LIMIT {int(batch)}", [last] if last is not None else [])
                rows = cursor.fetchall()
                for pk_value, *ciphers in rows:
                    assignments = ", ".join(f"{quote(c)} = %s" for c in columns)
                    cursor.execute(f"UPDATE {table} SET {assignments} WHERE {pk} = %s",
                                   [rotate(v) if v else v for v in ciphers] + [pk_value])
                    count += 1
            if len(rows) < batch:
                break
            last = rows[-1][0]
        done[model._meta.label] = count
    return done
