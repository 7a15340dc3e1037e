from django.db import migrations, models
from django.db.models import Count


def count_unpaid_orders(apps, schema_editor):
    """Each reserved entry is one order holding a reservation: start the counters from them."""
    QuotaAccount = apps.get_model("compliance", "QuotaAccount")
    QuotaEntry = apps.get_model("compliance", "QuotaEntry")
    for row in QuotaEntry.objects.filter(state="reserved").values("id_hash", "year").annotate(n=Count("id")):
        QuotaAccount.objects.filter(id_hash=row["id_hash"], year=row["year"]).update(unpaid_orders=row["n"])


class Migration(migrations.Migration):

    dependencies = [
        ('compliance', '0004_verbose_names'),
    ]

    operations = [
        migrations.AddField(
            model_name='quotaaccount',
            name='unpaid_orders',
            field=models.IntegerField(default=0, verbose_name='unpaid orders'),
        ),
        migrations.RunPython(count_unpaid_orders, migrations.RunPython.noop),
    ]
