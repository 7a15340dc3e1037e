from django.db import migrations

from haitao.payments.lean_sql import CREATE, DROP


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":  # SQLite keeps the normal callback
        with schema_editor.connection.cursor() as cursor:  # no parameters: the body's % stays as is
            cursor.execute(CREATE)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("payments", "0006_payment_purchase"), ("orders", "0008_merge_20261130_0436"),
                    ("compliance", "0005_quota_account_unpaid_orders"),
                    ("declarations", "0005_declare_tasks_outbox")]
    operations = [migrations.RunPython(create, drop)]
