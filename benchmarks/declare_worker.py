"""CPU and SQL statements per declared order of the customs declaration worker (issue 15).

    HAITAO_DATABASE_URL=postgres://…/haitao_decl python -m benchmarks.declare_worker --orders 300 [--profile f]

Seeds (once) a shop and ``--orders`` paid orders through the real order and payment services, each
leaving its "declare" outbox row (DeclareTask) as the payment callback does; then, inside one
transaction that is rolled back at the end (so every run measures the same rows), runs
``declare_queued`` until nothing is left and ``deliver_due`` over what it queued, and prints the
process CPU and the SQL statements (SAVEPOINT bookkeeping left out) per declared order, as JSON.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import sys
import tempfile
import time


def _django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "haitao.settings")
    import django

    django.setup()


def seed(n: int) -> int:
    """Place and pay orders until ``n`` have a pending DeclareTask; returns how many are pending."""
    from django.conf import settings

    from benchmarks.flashsale.ids import real_name, resident_id
    from haitao.declarations.models import DeclareTask
    from haitao.orders import services as orders
    from haitao.payments import services as payments
    from haitao.payments.providers import SandboxProvider
    from tests import factories as f

    pending = DeclareTask.objects.filter(status=DeclareTask.Status.PENDING).count()
    if pending >= n:
        return pending
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    from django.contrib.auth.hashers import get_hashers, get_hashers_by_algorithm

    get_hashers.cache_clear()
    get_hashers_by_algorithm.cache_clear()
    from haitao.catalog.models import Sku

    brand = f.brand("declbench")
    sku = Sku.objects.filter(code="DECL1").first()
    if sku is None:
        sku = f.sku(code="DECL1", gtin="4008976022343")
        f.listed(brand, sku, "199.00")
        f.stock(sku, 1_000_000)
    from haitao.accounts.models import Customer

    base = 100_000 + Customer.objects.count()  # a fresh ID number per buyer, even after an interrupted seed
    for i in range(pending, n):
        buyer = f.customer(f"decl{i}-{time.time_ns()}@example.com")
        order, _ = orders.place_order(buyer, orders.PlaceOrder(
            brand=brand, items=[(sku.code, 1 + i % 2)], risk_notice_accepted=True, buyer_name=real_name(i),
            buyer_id_number=resident_id(base + i),
            consignee=orders.Consignee(name=real_name(i), phone="138-0013-8000", province="浙江省", city="杭州市",
                                       district="西湖区", detail=f"文三路 {i} 号")))
        payment = payments.start(order)
        assert payments.handle_callback("sandbox", *SandboxProvider().callback_for(payment)) == "paid"
    return DeclareTask.objects.filter(status=DeclareTask.Status.PENDING).count()


class Statements:
    """Counts the SQL statements run on ``connection`` (SAVEPOINT bookkeeping of the measuring
    transaction left out: in production each nested atomic block is a transaction of its own)."""

    def __init__(self, connection):
        self.connection, self.count = connection, 0

    def __call__(self, execute, sql, params, many, context):
        if "SAVEPOINT" not in sql[:40].upper():
            self.count += 1
        return execute(sql, params, many, context)

    def __enter__(self):
        self._cm = self.connection.execute_wrapper(self)
        self._cm.__enter__()
        return self

    def __exit__(self, *exc):
        return self._cm.__exit__(*exc)


def measure(profile: str | None, limit: int) -> dict:
    from django.db import connection, transaction

    from haitao.customs.validate import schema as customs_schema
    from haitao.declarations import config, outbox, services

    customs_schema()  # built once per process in any case: not a per-order cost
    config.signer()
    profiler = cProfile.Profile(time.process_time) if profile else None
    with transaction.atomic():
        with Statements(connection) as declare_q:
            cpu0 = time.process_time()
            if profiler:
                profiler.enable()
            declared = 0
            while (done := services.declare_queued(limit=limit)):
                declared += done
            if profiler:
                profiler.disable()
            cpu_declare = time.process_time() - cpu0
        with tempfile.TemporaryDirectory() as folder, Statements(connection) as deliver_q:
            delivering = cProfile.Profile(time.process_time) if profile else None
            cpu0 = time.process_time()
            if delivering:
                delivering.enable()
            sent = 0
            while (counts := outbox.deliver_due(directory=folder, limit=500))["sent"]:
                sent += counts["sent"]
            if delivering:
                delivering.disable()
                delivering.dump_stats(profile + ".deliver")
            cpu_deliver = time.process_time() - cpu0
        transaction.set_rollback(True)
    if profiler:
        profiler.dump_stats(profile)
    per = max(declared, 1)
    return {"declared": declared, "declare_cpu_ms_per_order": round(1000 * cpu_declare / per, 2),
            "declare_sql_per_order": round(declare_q.count / per, 2),
            "files_sent": sent, "deliver_cpu_ms_per_order": round(1000 * cpu_deliver / per, 2),
            "deliver_sql_per_order": round(deliver_q.count / per, 2)}


def main(argv=None) -> int:
    p = argparse.ArgumentParser(prog="python -m benchmarks.declare_worker")
    p.add_argument("--orders", type=int, default=300)
    p.add_argument("--limit", type=int, default=100, help="declare_queued(limit=…) per call")
    p.add_argument("--profile", help="write cProfile stats of the declaring part here")
    p.add_argument("--runs", type=int, default=1)
    args = p.parse_args(argv)
    _django()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    pending = seed(args.orders)
    print(f"{pending} pending declare tasks", file=sys.stderr)
    for _ in range(args.runs):
        print(json.dumps(measure(args.profile, args.limit)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
