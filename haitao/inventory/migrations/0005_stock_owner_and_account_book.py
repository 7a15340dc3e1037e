"""Stock gets its owner (nullable until 0006 fills it) and the account-book movement ledger."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('brands', '0003_activation_and_readable_theme'),
        ('catalog', '0007_more_verbose_names'),
        ('inventory', '0004_quarantined_returns'),
        ('orders', '0004_merge_order_numbers_and_cancellation'),
    ]

    operations = [
        migrations.CreateModel(
            name='StockMovement',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('in', 'In (received)'), ('out', 'Out (sold and shipped)'), ('returned', 'Returned (sellable)'), ('quarantined', 'Returned damaged (quarantined)'), ('destroyed', 'Destroyed'), ('adjusted', 'Count adjusted')], max_length=12, verbose_name='kind')),
                ('quantity', models.IntegerField(help_text='units, signed: what the movement adds to its column', verbose_name='quantity')),
                ('note', models.CharField(blank=True, max_length=200, verbose_name='note')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created at')),
                ('order_line', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='orders.orderline', verbose_name='order line')),
                ('stock', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='movements', to='inventory.stock', verbose_name='stock')),
            ],
            options={
                'verbose_name': 'stock movement',
                'verbose_name_plural': 'stock movements',
                'ordering': ['stock', 'id'],
            },
        ),
        migrations.AlterModelOptions(
            name='stock',
            options={'ordering': ['warehouse', 'sku', 'owner'], 'verbose_name': 'stock', 'verbose_name_plural': 'stocks'},
        ),
        migrations.RemoveConstraint(
            model_name='stock',
            name='one_stock_row_per_warehouse_sku',
        ),
        migrations.AddField(
            model_name='stock',
            name='owner',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name='stocks', to='brands.merchant', verbose_name='owner'),
        ),
    ]
