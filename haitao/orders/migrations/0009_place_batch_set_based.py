"""haitao_place_batch, version 2 (orders/batch_sql.py): the batch's tokens, identities and used
Idempotency-Keys read once per batch, each table's rows written by one INSERT per batch, and plans
that never scan a table. The same outcomes and rows; 0007 made version 1, this replaces it."""

from django.db import migrations

from haitao.orders.batch_sql import CREATE


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":  # SQLite keeps the normal placement path
        with schema_editor.connection.cursor() as cursor:  # no parameters: the body's % stays as is
            cursor.execute(CREATE)


class Migration(migrations.Migration):
    dependencies = [("orders", "0008_merge_20261130_0436")]
    # backwards: 0007's function stays in place until 0007 itself is reversed (it drops it)
    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
