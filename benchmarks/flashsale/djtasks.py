"""The steps that need Django, run in a child process pointed at the bench database by
HAITAO_DATABASE_URL (so the parent never configures Django against the wrong database):

    python -m benchmarks.flashsale.djtasks seed  --out DIR --buyers N --stock N [--skus N --sku-stock N]
    python -m benchmarks.flashsale.djtasks probe --manifest DIR/manifest.json

`seed` bulk-writes one brand, the hot SKU, a catalog of random-scenario SKUs, and buyers that each
have a user, a customer, a verified identity (encrypted ID, keyed hash) and an API token — the rows
`register` + a first checkout would have made, written in batches. `probe` counts the SQL statements
of one checkout (placement, payment start, payment callback) through the real view with Django's
CaptureQueriesContext, and through the service alone.
"""

import argparse
import hashlib
import json
import os
import secrets
import sys
import time
import uuid
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

BRAND = "flash"
HOT_SKU = "HOT-0001"
PROBE_SKU = "PROBE-0001"
PRICE = Decimal("199.00")
HS_CODE = "1901101090"
CONSIGNEE = {"name": "收货人", "phone": "13800138000", "province": "浙江省", "city": "杭州市", "district": "西湖区",
             "detail": "文三路 100 号"}
BATCH = 2000


def _django():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "haitao.settings")
    import django

    django.setup()


def random_sku(n: int) -> str:
    return f"R-{n:05d}"


def seed(out: Path, buyers: int, stock: int, skus: int, sku_stock: int) -> dict:
    _django()
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password
    from django.db import connection, transaction
    from django.utils import timezone

    from haitao.accounts.models import ApiToken, Customer, Identity
    from haitao.brands.models import Brand, Merchant
    from haitao.catalog.models import Category, Listing, Sku
    from haitao.common.crypto import id_hash
    from haitao.compliance.models import PositiveListEntry
    from haitao.inventory.models import Stock, Warehouse
    from haitao.rules import identity as id_rules

    from .consistency import record_initial_stock
    from .ids import real_name, resident_id

    t0 = time.monotonic()
    with transaction.atomic():
        brand = Brand.objects.create(
            code=BRAND, name="闪购海淘", name_en="Flash", kind=Brand.Kind.MARKETPLACE,
            risk_notice="跨境商品风险告知书：商品符合原产地标准，可能无中文标签，仅限个人自用，不得再次销售。",
            risk_notice_en="Cross-border risk notice: origin-country standards, personal use only, no resale.")
        merchant = Merchant.objects.create(code="self", name="haitao self-operated", country="CN",
                                           kind=Merchant.Kind.SELF_OPERATED, ebc_code="3301960HTS", ebc_name="海淘自营",
                                           status=Merchant.Status.APPROVED)
        warehouse = Warehouse.objects.create(code="hz-bonded", name="杭州保税仓", name_en="Hangzhou bonded",
                                             kind=Warehouse.Kind.BONDED, country="CN", city="Hangzhou",
                                             customs_code="2991", port_code="2991", area_code="3301W60001",
                                             area_name="杭州保税仓", ems_no="T2991W000001")
        category = Category.objects.create(slug="formula", name="奶粉", name_en="Formula")
        # Infant formula's tariff line is on the CBEC positive list (the migration may already ship the list).
        PositiveListEntry.objects.get_or_create(code8=HS_CODE[:8], defaults={
            "description": "婴幼儿配方奶粉", "remarks": "", "source": "flash-sale benchmark"})
        names = ["Aptamil", "a2", "Swisse", "Blackmores", "Kiehl's", "La Mer", "Bio Island", "Hipp"]
        specs = [(HOT_SKU, "爆款 Aptamil 爱他美 3段 800g", "Flash deal Aptamil stage 3 800g", stock)]
        specs.append((PROBE_SKU, "探针商品", "Probe item", 1000))
        specs += [(random_sku(i), f"{names[i % len(names)]} 商品 {i} 号", f"{names[i % len(names)]} item {i}",
                   sku_stock) for i in range(1, skus + 1)]
        sku_rows = Sku.objects.bulk_create(
            [Sku(code=code, brand_name=title_en.split(" item")[0], title=title, title_en=title_en, category=category,
                 hs_code=HS_CODE, origin_country="DE", gmodel="800g/罐", unit_code="122", unit1_code="035",
                 net_weight_kg=Decimal("0.8"), gross_weight_kg=Decimal("1.0"), vat_rate=Decimal("0.13"))
             for code, title, title_en, _ in specs], batch_size=BATCH)
        Listing.objects.bulk_create([Listing(brand=brand, sku=s, merchant=merchant,
                                             price=PRICE if s.code == HOT_SKU else Decimal(99 + (i % 200)))
                                     for i, s in enumerate(sku_rows)], batch_size=BATCH)
        Stock.objects.bulk_create([Stock(warehouse=warehouse, sku=s, owner=merchant, on_hand=spec[3], item_record_no=f"IR{i:08d}")
                                   for i, (s, spec) in enumerate(zip(sku_rows, specs))], batch_size=BATCH)
    t1 = time.monotonic()

    password = make_password(secrets.token_urlsafe(16))  # hashed once: nobody logs in with it
    now = timezone.now()
    User = get_user_model()
    people = []
    for n in range(buyers + 1):  # the last one is the probe buyer, outside the load's pool
        number = resident_id(n)
        id_rules.validate_resident_id(number)
        people.append({"n": n, "email": f"buyer{n}@flash.bench", "real_name": real_name(n), "id_number": number,
                       "token": "ht_" + secrets.token_urlsafe(32)})
    with transaction.atomic():
        users = User.objects.bulk_create([User(username=p["email"], email=p["email"], password=password)
                                          for p in people], batch_size=BATCH)
        customers = Customer.objects.bulk_create([Customer(user=u, display_name=f"buyer{p['n']}", signup_brand=brand)
                                                  for u, p in zip(users, people)], batch_size=BATCH)
        Identity.objects.bulk_create([
            Identity(customer=c, real_name=p["real_name"], id_number=p["id_number"],
                     id_masked=id_rules.mask_id(p["id_number"]), id_hash=id_hash(p["id_number"]), verified_at=now,
                     verified_by="sandbox") for c, p in zip(customers, people)], batch_size=BATCH)
        ApiToken.objects.bulk_create([
            ApiToken(user=u, name="bench", prefix=p["token"][:8], key_hash=hashlib.sha256(p["token"].encode()).hexdigest(),
                     expires_at=now + timedelta(days=30))  # a token without an expiry is refused
            for u, p in zip(users, people)], batch_size=BATCH)
        with connection.cursor() as cursor:
            record_initial_stock(cursor)
            cursor.execute("ANALYZE")
    t2 = time.monotonic()
    manifest = {"brand": BRAND, "hot_sku": HOT_SKU, "probe_sku": PROBE_SKU, "random_skus": skus,
                "random_sku_format": "R-{:05d}", "hot_stock": stock, "sku_stock": sku_stock, "buyers": buyers,
                "consignee": CONSIGNEE, "catalog_seconds": round(t1 - t0, 2), "buyers_seconds": round(t2 - t1, 2),
                "search_terms": names}
    out.mkdir(parents=True, exist_ok=True)
    pool = [[p["token"], p["real_name"], p["id_number"]] for p in people[:-1]]
    (out / "buyers.json").write_text(json.dumps(pool), encoding="utf-8")
    probe = people[-1]
    manifest["probe_buyer"] = [probe["token"], probe["real_name"], probe["id_number"]]
    (out / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
    return manifest


def _kinds(captured) -> dict:
    kinds: dict[str, int] = {}
    for q in captured.captured_queries:
        word = q["sql"].lstrip().split(" ", 1)[0].upper()
        kinds[word] = kinds.get(word, 0) + 1
    return kinds


def probe(manifest_path: Path) -> dict:
    """SQL statements of one checkout, through the HTTP view (Django test client, same middleware and
    auth as gunicorn serves) and through orders.services.place_order alone."""
    _django()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from haitao.accounts.models import ApiToken
    from haitao.accounts.services import customer_of
    from haitao.catalog.queries import brand_by_code
    from haitao.orders import services as orders
    from haitao.payments.providers import SandboxProvider

    from django.core.signals import request_started
    from django.db import reset_queries

    # Each request would empty the log CaptureQueriesContext slices (so counts came out by luck): keep it.
    request_started.disconnect(reset_queries)
    m = json.loads(manifest_path.read_text(encoding="utf-8"))
    token, name, number = m["probe_buyer"]
    client = Client(HTTP_AUTHORIZATION=f"Bearer {token}")
    body = {"items": [{"sku": m["probe_sku"], "quantity": 1}], "consignee": m["consignee"],
            "buyer": {"real_name": name, "id_number": number}, "risk_notice_accepted": True}

    def place():
        return client.post(f"/api/v1/brands/{m['brand']}/orders", data=json.dumps(body),
                           content_type="application/json", HTTP_IDEMPOTENCY_KEY=uuid.uuid4().hex)

    def pay(number_):
        start = client.post(f"/api/v1/orders/{number_}/payments")
        return start

    warm = place()  # the first request of a process loads caches (content types, …): not counted
    assert warm.status_code == 201, warm.content
    with CaptureQueriesContext(connection) as placing:
        placed = place()
    assert placed.status_code == 201, placed.content
    order_number = placed.json()["number"]
    with CaptureQueriesContext(connection) as starting:
        started = pay(order_number)
    assert started.status_code == 201, started.content
    from haitao.payments.models import Payment

    payment = Payment.objects.select_related("order").get(reference=started.json()["reference"])
    cb_body, signature = SandboxProvider().callback_for(payment)
    with CaptureQueriesContext(connection) as calling:
        called = client.post("/api/v1/payments/sandbox/callback", data=cb_body, content_type="application/json",
                             HTTP_X_SANDBOX_SIGNATURE=signature)
    assert called.status_code == 200 and called.json()["outcome"] == "paid", called.content

    customer = customer_of(ApiToken.objects.authenticate(token).user)
    request = orders.PlaceOrder(brand=brand_by_code(m["brand"]), items=[(m["probe_sku"], 1)],
                                consignee=orders.Consignee(**m["consignee"]), buyer_name=name, buyer_id_number=number,
                                risk_notice_accepted=True, idempotency_key=uuid.uuid4().hex)
    with CaptureQueriesContext(connection) as service:
        orders.place_order(customer, request)
    return {
        "source": "django CaptureQueriesContext, one-line order by a buyer with a recorded identity",
        "http_place_order": len(placing.captured_queries), "http_place_order_kinds": _kinds(placing),
        "http_start_payment": len(starting.captured_queries),
        "http_payment_callback": len(calling.captured_queries),
        "http_checkout_total": len(placing.captured_queries) + len(starting.captured_queries)
        + len(calling.captured_queries),
        "service_place_order": len(service.captured_queries),
        "place_order_sql": [q["sql"][:160] for q in placing.captured_queries],
    }


def main(argv=None) -> int:
    p = argparse.ArgumentParser(prog="benchmarks.flashsale.djtasks")
    sub = p.add_subparsers(dest="task", required=True)
    s = sub.add_parser("seed")
    s.add_argument("--out", type=Path, required=True)
    s.add_argument("--buyers", type=int, default=5000)
    s.add_argument("--stock", type=int, default=500)
    s.add_argument("--skus", type=int, default=10_000)
    s.add_argument("--sku-stock", type=int, default=100)
    pr = sub.add_parser("probe")
    pr.add_argument("--manifest", type=Path, required=True)
    args = p.parse_args(argv)
    if args.task == "seed":
        result = seed(args.out, args.buyers, args.stock, args.skus, args.sku_stock)
        result.pop("probe_buyer", None)
    else:
        result = probe(args.manifest)
    print(json.dumps(result, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
