"""Stock gets its owner (the merchant whose goods they are) and an account-book movement ledger.

Existing rows: the owner is the merchant listing the SKU; where several merchants list it, the row is
split among them by haitao.rules.stock_owners.split_stock (docs/marketplace.md). A row whose SKU no
merchant lists goes to the self-operated merchant (else the lowest id). Each resulting row opens its
ledger with an "in" movement of its on-hand units (and a "quarantined" one of its quarantined units).
"""

from django.db import migrations

from haitao.rules.stock_owners import split_stock


def _default_owner(Merchant):
    merchant = (Merchant.objects.filter(kind="self_operated").order_by("id").first()
                or Merchant.objects.order_by("id").first())
    if merchant is None:
        raise RuntimeError("stock exists but no merchant does: create the self-operated merchant first")
    return merchant.id


def give_owners(apps, schema_editor):
    Stock = apps.get_model("inventory", "Stock")
    Listing = apps.get_model("catalog", "Listing")
    Merchant = apps.get_model("brands", "Merchant")
    Movement = apps.get_model("inventory", "StockMovement")
    rows = list(Stock.objects.filter(owner__isnull=True).order_by("id"))
    if not rows:
        return
    listers: dict[int, set[int]] = {}
    for sku_id, merchant_id in Listing.objects.values_list("sku_id", "merchant_id"):
        listers.setdefault(sku_id, set()).add(merchant_id)
    fallback = None
    for stock in rows:
        owners = sorted(listers.get(stock.sku_id) or ())
        if not owners:
            fallback = fallback or _default_owner(Merchant)
            owners = [fallback]
        shares = split_stock(stock.on_hand, stock.allocated, stock.item_record_no, owners)
        first, rest = shares[0], shares[1:]
        stock.owner_id, stock.on_hand = first.owner, first.on_hand
        stock.save(update_fields=["owner", "on_hand"])
        made = [stock] + [Stock.objects.create(owner_id=s.owner, warehouse_id=stock.warehouse_id, sku_id=stock.sku_id,
                                               on_hand=s.on_hand, item_record_no=s.item_record_no) for s in rest]
        for row in made:
            if row.on_hand:
                Movement.objects.create(stock=row, kind="in", quantity=row.on_hand, note="opening balance")
            if row.quarantined:
                Movement.objects.create(stock=row, kind="quarantined", quantity=row.quarantined,
                                        note="opening balance")


class Migration(migrations.Migration):

    dependencies = [
        ('inventory', '0005_stock_owner_and_account_book'),
    ]

    operations = [
        migrations.RunPython(give_owners, migrations.RunPython.noop),
    ]
