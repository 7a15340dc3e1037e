"""Orders placed before purchases existed: each becomes a purchase of one order (its number with a
"P" in front, its Idempotency-Key and totals), and its seller of record is the merchant of its first
line (an old order mixing merchants keeps the declarations it already has; new ones are split)."""

from django.db import migrations


def fill(apps, schema_editor):
    Order = apps.get_model("orders", "Order")
    OrderLine = apps.get_model("orders", "OrderLine")
    Purchase = apps.get_model("orders", "Purchase")
    first_merchant = {}
    for order_id, merchant_id in OrderLine.objects.order_by("order_id", "gnum").values_list("order_id", "merchant_id"):
        first_merchant.setdefault(order_id, merchant_id)
    for order in Order.objects.filter(seller__isnull=True).order_by("id"):
        order.seller_id = first_merchant.get(order.id)
        if order.purchase_id is None and order.source == "haitao":
            order.purchase = Purchase.objects.create(
                number=("P" + order.number)[:32], brand_id=order.brand_id, customer_id=order.customer_id,
                goods_value=order.goods_value, tax_total=order.tax_total, actual_paid=order.actual_paid,
                idempotency_key=order.idempotency_key, request_digest=order.request_digest, placed_at=order.placed_at)
        order.save(update_fields=["seller", "purchase"])


class Migration(migrations.Migration):

    dependencies = [
        ("orders", "0005_purchase_and_seller"),
    ]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
