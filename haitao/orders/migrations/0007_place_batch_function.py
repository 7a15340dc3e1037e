from django.db import migrations

from haitao.orders.batch_sql import CREATE, DROP


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":  # SQLite keeps the normal placement path
        with schema_editor.connection.cursor() as cursor:  # no parameters: the body's % stays as is
            cursor.execute(CREATE)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("orders", "0006_existing_purchases_and_sellers"), ("inventory", "0007_stock_owner_required"),
                    ("compliance", "0005_quota_account_unpaid_orders"),
                    ("accounts", "0003_identity_owner_attempts_token_expiry")]
    operations = [migrations.RunPython(create, drop)]
