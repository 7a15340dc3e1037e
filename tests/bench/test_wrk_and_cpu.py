"""The compiled generator's plumbing and the CPU/database accounting of a run, without running wrk or
timing anything: wrk's output parsed (the script's JSON line, and wrk's own text), the buyers file the
Lua script reads, /proc stat lines, per-order CPU and database counters, and the report's new table."""

import json

from benchmarks.flashsale import cpu, dbstats, report, wrk

WRK_TEXT = """Running 20s test @ http://127.0.0.1:40111
  2 threads and 64 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency    61.20ms   20.11ms 412.00ms   80.00%
    Req/Sec   512.33     40.10   600.00     70.00%
  Latency Distribution
     50%   58.00ms
     75%   70.00ms
     90%   88.00ms
     99%    1.20s
  20480 requests in 20.01s, 9.10MB read
  Socket errors: connect 0, read 3, write 0, timeout 2
  Non-2xx or 3xx responses: 19980
Requests/sec:   1023.49
Transfer/sec:    465.12KB
"""

WRK_JSON = ('WRK_JSON {"requests":2100,"duration_us":20004000,"bytes":900000,"errors":{"connect":0,"read":1,'
            '"write":0,"status":1598,"timeout":0},"latency_us":{"p50":41000,"p95":120500,"p99":250000,'
            '"max":900000,"mean":52000.5},"statuses":{"201":500,"409 out_of_stock":1590,'
            '"409 too_many_unpaid_orders":8,"500":2}}')


def test_the_scripts_json_line_is_read_with_statuses_and_percentiles():
    result = wrk.parse(WRK_TEXT + WRK_JSON + "\n")
    assert result["requests"] == 2100 and result["duration_s"] == 20.004
    assert result["latency_ms"] == {"p50": 41.0, "p95": 120.5, "p99": 250.0, "max": 900.0}
    assert result["statuses"]["409 out_of_stock"] == 1590


def test_wrks_own_text_is_read_when_the_script_printed_nothing():
    result = wrk.parse(WRK_TEXT)
    assert result["requests"] == 20480 and result["duration_s"] == 20.01
    assert result["latency_ms"]["p50"] == 58.0 and result["latency_ms"]["p99"] == 1200.0
    assert result["statuses"] == {"non-2xx": 19980}
    assert result["socket_errors"] == {"connect": 0, "read": 3, "write": 0, "timeout": 2}


def test_no_result_in_the_output_is_an_error():
    try:
        wrk.parse("unable to connect to 127.0.0.1:1 Connection refused\n")
    except ValueError as exc:
        assert "no wrk result" in str(exc)
    else:
        raise AssertionError("parsed nothing without complaint")


def test_the_tally_counts_placements_refusals_and_errors_apart():
    t = wrk.tally(wrk.parse(WRK_JSON), placed=500, first_s=0.05, last_s=3.5)
    assert (t["ok"], t["rejected"], t["requests"]) == (500, 1590, 2100)
    assert t["errors"] == {"409 too_many_unpaid_orders": 8, "500": 2, "transport read": 1}
    assert t["error_count"] == 11 and t["statuses"] == {"201": 500, "409": 1598, "500": 2}
    assert t["last_ok_s"] == 3.5 and t["elapsed_s"] == 20.004 and t["generator"] == "wrk"


def test_the_buyers_file_splits_each_body_around_the_sku(tmp_path):
    spec = {"consignee": {"name": "收货人", "phone": "13800138000"}}
    path = wrk.buyers_file([["ht_tok1", "张三", "11010519491231002X"]], spec, tmp_path / "b.tsv")
    token, head, tail = path.read_text(encoding="utf-8").rstrip("\n").split("\t")
    body = json.loads(head + "HOT-0001" + tail)
    assert token == "ht_tok1" and body["items"] == [{"sku": "HOT-0001", "quantity": 1}]
    assert body["buyer"] == {"real_name": "张三", "id_number": "11010519491231002X"} and body["risk_notice_accepted"]


def test_the_command_targets_the_server_with_the_script_and_its_arguments(tmp_path):
    spec = {"clients": 64, "duration": 20.0, "base_url": "http://127.0.0.1:4000", "brand": "flash",
            "scenario": "random", "hot_sku": "HOT-0001", "random_skus": 10000, "random_sku_format": "R-{:05d}"}
    cmd = wrk.command(spec, tmp_path / "b.tsv", threads=2)
    assert cmd[1:7] == ["-t", "2", "-c", "64", "-d", "20s"] and str(wrk.SCRIPT) in cmd
    after = cmd[cmd.index("--") + 1:]
    assert after == ["/api/v1/brands/flash/orders", "random", "HOT-0001", "10000", "R-", str(tmp_path / "b.tsv"), "2"]
    assert wrk.SCRIPT.is_file() and "function request()" in wrk.SCRIPT.read_text()


def test_proc_stat_lines_with_spaces_and_parentheses_in_the_name():
    line = "4242 (gunicorn: worker (x) [app]) S 4200 4100 4100 0 -1 4194560 100 0 0 0 250 50 0 0 20 0 1 0"
    pgrp, seconds = cpu.stat_cpu(line)
    assert pgrp == 4100 and seconds == 300 / cpu.CLK_TCK


def test_groups_cpu_adds_up_the_processes_of_the_groups(tmp_path):
    for pid, pgrp, utime, stime in ((10, 7, 100, 20), (11, 7, 30, 10), (12, 9, 500, 500)):
        (tmp_path / str(pid)).mkdir()
        (tmp_path / str(pid) / "stat").write_text(f"{pid} (python3) S 1 {pgrp} {pgrp} 0 -1 0 0 0 0 0 {utime} {stime} 0 0")
    (tmp_path / "self").mkdir()
    assert cpu.groups_cpu_seconds({7}, proc=str(tmp_path)) == 160 / cpu.CLK_TCK
    assert cpu.groups_cpu_seconds({7, 9}, proc=str(tmp_path)) == 1160 / cpu.CLK_TCK


def test_a_meter_laps_each_party_and_the_machines_busy_share():
    clock = {"server": 1.0, "pg": 0.5, "machine": (10.0, 20.0)}
    meter = cpu.Meter({"server": lambda: clock["server"], "postgres_backends": lambda: clock["pg"],
                       "worker": lambda: None}, lambda: clock["machine"])
    clock.update(server=4.0, pg=1.5, machine=(13.0, 24.0))
    lap = meter.lap({"load_generator": 0.25})
    assert lap == {"server": 3.0, "postgres_backends": 1.0, "worker": None, "load_generator": 0.25,
                   "machine_busy_fraction": 0.75}
    assert cpu.per_order_ms(lap, 500) == {"server": 6.0, "postgres_backends": 2.0, "load_generator": 0.5,
                                          "total": 8.5}
    assert cpu.per_order_ms(lap, 0) is None


def test_database_counters_per_order():
    before = {"xact_commit": 100, "tup_inserted": 10, "tup_updated": 5, "tup_deleted": 0, "statements": 40}
    after = {"xact_commit": 160, "tup_inserted": 310, "tup_updated": 65, "tup_deleted": 0, "statements": 340}
    per = dbstats.per_order(dbstats.delta(before, after), 50)
    assert per == {"xact_commit": 1.2, "tup_inserted": 6.0, "tup_updated": 1.2, "tup_deleted": 0.0,
                   "statements": 6.0, "rows_written": 7.2}


def test_the_report_carries_both_phases_cpu_and_database_per_order(tmp_path):
    latency = {"p50": 20.0, "p95": 80.0, "p99": 120.0, "max": 200.0}
    phase1 = wrk.tally(wrk.parse(WRK_JSON), placed=500, first_s=0.05, last_s=4.0)
    phase1["cpu_s"] = {"server": 2.0, "postgres_backends": 1.0, "worker": 0.0, "load_generator": 0.1,
                       "machine_busy_fraction": 0.9}
    phase1["database"] = {"xact_commit": 600, "tup_inserted": 3000, "tup_updated": 1000, "tup_deleted": 0,
                          "source": "pg_stat_database"}
    payment = {"requests": 500, "ok": 500, "rejected": 0, "errors": {}, "error_count": 0, "statuses": {},
               "elapsed_s": 5.0, "latency_ms": latency, "ok_latency_ms": latency, "declared_orders": 500,
               "declare_drain_s": 5.0, "cpu_s": {"server": 1.5, "postgres_backends": 0.5, "load_generator": 1.0,
                                                 "worker": 4.0, "machine_busy_fraction": 1.0},
               "database": {"xact_commit": 2000, "tup_inserted": 4000, "tup_updated": 1500, "tup_deleted": 0,
                            "source": "pg_stat_database"}}
    r = report.build("hot", 64, 2, 20.0, {"phase1": phase1, "payment": payment}, {"oversold": 0, "ok": True},
                     {"http_place_order": 9, "http_payment_callback": 6}, {"tps": 2500.0}, None)
    assert r["orders_placed_per_s"] == 125.0 and r["orders_paid_per_s"] == 100.0 and r["paid_to_placed"] == 0.8
    assert r["declared_per_s"] == 50.0 and r["load_generator"] == "wrk"
    assert r["cpu_ms_per_order"]["placement"] == {"server": 4.0, "postgres_backends": 2.0, "worker": 0.0,
                                                  "load_generator": 0.2, "total": 6.2}
    assert r["cpu_ms_per_order"]["payment"]["worker"] == 8.0
    assert r["database_per_order"]["placement"]["xact_commit"] == 1.2
    assert r["database_per_order"]["placement"]["rows_written"] == 8.0
    doc = tmp_path / "benchmarks.md"
    report.update_doc([r], doc=doc, svg=tmp_path / "chart.svg")
    text = doc.read_text(encoding="utf-8")
    assert "| hot | 64 | " + r["date"] + " | wrk | 125.0 | 100.0 | 0.80 | 50.0 | 6 | 4 · 2 · 0.2 · 0 | 3 · 1 · 2 · 8 | – · 1.2 · 8 |" in text
    assert "hot paid" in (tmp_path / "chart.svg").read_text(encoding="utf-8")
