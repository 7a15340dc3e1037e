"""Purchase (one checkout, one payment) and each order's purchase and seller of record."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0003_identity_owner_attempts_token_expiry'),
        ('brands', '0003_activation_and_readable_theme'),
        ('orders', '0004_merge_order_numbers_and_cancellation'),
    ]

    operations = [
        migrations.AddField(
            model_name='order',
            name='seller',
            field=models.ForeignKey(blank=True, help_text='the e-commerce enterprise (ebc) this order is declared under', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='sold_orders', to='brands.merchant', verbose_name='seller of record'),
        ),
        migrations.AlterField(
            model_name='order',
            name='idempotency_key',
            field=models.CharField(blank=True, max_length=90, verbose_name='idempotency key'),
        ),
        migrations.CreateModel(
            name='Purchase',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('number', models.CharField(max_length=32, unique=True, verbose_name='number')),
                ('goods_value', models.DecimalField(decimal_places=2, max_digits=14, verbose_name='goods value')),
                ('tax_total', models.DecimalField(decimal_places=2, max_digits=12, verbose_name='tax total')),
                ('actual_paid', models.DecimalField(decimal_places=2, max_digits=14, verbose_name='actual paid')),
                ('idempotency_key', models.CharField(blank=True, max_length=80, verbose_name='idempotency key')),
                ('request_digest', models.CharField(blank=True, max_length=64, verbose_name='request digest')),
                ('placed_at', models.DateTimeField(db_index=True, verbose_name='placed at')),
                ('brand', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='purchases', to='brands.brand', verbose_name='brand')),
                ('customer', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='purchases', to='accounts.customer', verbose_name='customer')),
            ],
            options={
                'verbose_name': 'purchase',
                'verbose_name_plural': 'purchases',
                'ordering': ['-placed_at'],
            },
        ),
        migrations.AddField(
            model_name='order',
            name='purchase',
            field=models.ForeignKey(blank=True, help_text='the checkout this order is part of (none for imported history)', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='orders', to='orders.purchase', verbose_name='purchase'),
        ),
        migrations.AddConstraint(
            model_name='purchase',
            constraint=models.UniqueConstraint(condition=models.Q(('idempotency_key', ''), _negated=True), fields=('customer', 'idempotency_key'), name='one_purchase_per_idempotency_key'),
        ),
    ]
