"""Every stock row has its owner now (0006): require it, one row and one account-book item per
owner × warehouse × SKU."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('inventory', '0006_existing_stock_owners'),
    ]

    operations = [
        migrations.AlterField(
            model_name='stock',
            name='owner',
            field=models.ForeignKey(help_text='the merchant who owns these goods', on_delete=django.db.models.deletion.PROTECT, related_name='stocks', to='brands.merchant', verbose_name='owner'),
        ),
        migrations.AddConstraint(
            model_name='stock',
            constraint=models.UniqueConstraint(fields=('owner', 'warehouse', 'sku'), name='one_stock_row_per_owner_warehouse_sku'),
        ),
        migrations.AddConstraint(
            model_name='stock',
            constraint=models.UniqueConstraint(condition=models.Q(('item_record_no', ''), _negated=True), fields=('warehouse', 'item_record_no'), name='one_account_book_item_per_stock_row'),
        ),
    ]
