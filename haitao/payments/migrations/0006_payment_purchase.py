"""A payment covers a purchase (every order of it); existing payments cover their order's purchase."""

import django.db.models.deletion
from django.db import migrations, models


def fill(apps, schema_editor):
    Payment = apps.get_model("payments", "Payment")
    for payment in Payment.objects.filter(purchase__isnull=True).select_related("order"):
        if payment.order.purchase_id:
            Payment.objects.filter(pk=payment.pk).update(purchase_id=payment.order.purchase_id)


class Migration(migrations.Migration):

    dependencies = [
        ('orders', '0006_existing_purchases_and_sellers'),
        ('payments', '0005_more_verbose_names'),
    ]

    operations = [
        migrations.AddField(
            model_name='payment',
            name='purchase',
            field=models.ForeignKey(blank=True, help_text='one payment covers every order of the purchase', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='payments', to='orders.purchase', verbose_name='purchase'),
        ),
        migrations.AlterField(
            model_name='payment',
            name='order',
            field=models.ForeignKey(help_text="the purchase's first order", on_delete=django.db.models.deletion.PROTECT, related_name='payments', to='orders.order', verbose_name='order'),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
