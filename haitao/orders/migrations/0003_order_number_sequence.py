from django.db import migrations

from haitao.orders.numbers import SEQUENCE, create_sequence_sql


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":  # SQLite draws random numbers (orders/numbers.py)
        schema_editor.execute(create_sequence_sql())


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP SEQUENCE IF EXISTS {SEQUENCE}")


class Migration(migrations.Migration):
    dependencies = [("orders", "0002_verbose_names")]
    operations = [migrations.RunPython(create, drop)]
