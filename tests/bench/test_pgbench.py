"""The ceiling's pgbench scripts: what they say, how the output is read, and that they really run."""

import os
import shutil

import pytest

from benchmarks.flashsale import pgbench
from benchmarks.flashsale.db import connect

PG15_OUTPUT = """pgbench (15.20 (Debian 15.20-0+deb12u1))
transaction type: /tmp/pgbench-hot.sql
scaling factor: 1
query mode: prepared
number of clients: 8
number of threads: 2
maximum number of tries: 1
duration: 1 s
number of transactions actually processed: 1745
number of failed transactions: 0 (0.000%)
latency average = 4.577 ms
initial connection time = 12.349 ms
tps = 1743.705917 (without initial connection time)
"""


def test_scripts_per_scenario():
    hot, rand, read = pgbench.script("hot"), pgbench.script("random"), pgbench.script("catalog")
    assert "\\set sku 1\n" in hot and "random(1, 10000)" in rand
    for sale in (hot, rand):
        assert "UPDATE bench_stock SET qty = qty - 1 WHERE sku = :sku AND qty >= 1;" in sale
        assert "INSERT INTO bench_order" in sale and sale.index("BEGIN;") < sale.index("UPDATE") < sale.index("END;")
    assert read.lstrip().startswith("\\set sku random(1, 10000)") and "SELECT" in read
    with pytest.raises(ValueError):
        pgbench.script("nope")


def test_tps_is_read_from_pgbench_output():
    assert pgbench.parse_tps(PG15_OUTPUT) == pytest.approx(1743.705917)
    with pytest.raises(ValueError):
        pgbench.parse_tps("connection to server failed")


@pytest.mark.skipif(not os.environ.get("CI") and not (shutil.which("pgbench")
                                                     or __import__("glob").glob("/usr/lib/postgresql/*/bin/pgbench")),
                    reason="pgbench is not installed (in CI its absence fails the test)")
@pytest.mark.parametrize("scenario", ["hot", "random"])
def test_the_sale_script_runs_for_one_second(scratch_url, tmp_path, scenario):
    result = pgbench.ceiling(scratch_url, scenario, tmp_path, clients=(2,), seconds=1, buyers=10)
    assert result["runs"][0].get("error") is None, result["runs"]
    assert result["tps"] and result["tps"] > 0 and result["kind"] == "sale"
    with connect(scratch_url) as conn:
        sold = conn.execute("SELECT SUM(1000000000000 - qty) FROM bench_stock").fetchone()[0]
        orders = conn.execute("SELECT COUNT(*) FROM bench_order").fetchone()[0]
    assert orders == result["orders_written"] > 0
    assert sold == orders  # every transaction sold one unit and wrote one order
