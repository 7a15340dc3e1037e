"""The orderer's phone frozen on the order. Orders placed before: the account's phone as it is now
(what their declarations used), else the consignee's."""

from django.db import migrations, models

import haitao.common.crypto


def fill(apps, schema_editor):
    from haitao.rules.identity import mask_phone

    Order = apps.get_model("orders", "Order")
    for order in Order.objects.filter(buyer_phone_masked="").select_related("customer").iterator():
        phone = order.customer.phone or order.consignee_phone
        order.buyer_phone, order.buyer_phone_masked = phone, mask_phone(phone)
        order.save(update_fields=["buyer_phone", "buyer_phone_masked"])


class Migration(migrations.Migration):

    dependencies = [
        ('orders', '0006_existing_purchases_and_sellers'),
    ]

    operations = [
        migrations.AddField(
            model_name='order',
            name='buyer_phone',
            field=haitao.common.crypto.EncryptedTextField(blank=True, verbose_name='buyer phone'),
        ),
        migrations.AddField(
            model_name='order',
            name='buyer_phone_masked',
            field=models.CharField(blank=True, max_length=20, verbose_name='buyer phone (masked)'),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
