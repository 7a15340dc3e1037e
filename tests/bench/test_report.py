"""The JSON result, the Flash sale section of docs/benchmarks.md (other sections kept) and the chart."""

import argparse
import xml.etree.ElementTree as ET

from benchmarks.flashsale import add_parsers, report


def load_result(ok=500, rejected=1500, last_ok=4.0, elapsed=10.0):
    latency = {"p50": 20.0, "p95": 80.0, "p99": 120.0, "max": 200.0}
    return {"phase1": {"requests": ok + rejected + 2, "ok": ok, "rejected": rejected, "errors": {"500": 2},
                       "error_count": 2, "statuses": {"201": ok, "409": rejected, "500": 2}, "elapsed_s": elapsed,
                       "first_ok_s": 0.01, "last_ok_s": last_ok, "latency_ms": latency, "ok_latency_ms": latency,
                       "cpu_s": {"server": 9.0}},
            "payment": {"requests": ok, "ok": ok, "rejected": 0, "errors": {}, "error_count": 0, "statuses": {},
                        "elapsed_s": 5.0, "latency_ms": latency, "ok_latency_ms": latency, "cpu_s": {}}}


CONSISTENT = {"oversold": 0, "ok": True, "problems": []}


def test_hot_sale_rate_is_over_the_time_until_sold_out():
    r = report.build("hot", 64, 5, 10.0, load_result(), CONSISTENT, {"http_place_order": 14},
                     {"tps": 2500.0}, None)
    assert r["orders_placed"] == 500 and r["sold_out_after_s"] == 4.0
    assert r["orders_placed_per_s"] == 125.0 and r["orders_paid_per_s"] == 100.0
    assert r["out_of_stock"] == 1500 and r["error_count"] == 2 and r["errors"]["placement"] == {"500": 2}
    assert r["ceiling_tps"] == 2500.0 and r["ratio_to_ceiling"] == 0.05
    assert r["machine"]["cores"] >= 1 and r["latency_ms"]["p99"] == 120.0


def test_without_rejections_the_whole_phase_counts():
    r = report.build("random", 8, 5, 10.0, load_result(rejected=0, last_ok=9.9), CONSISTENT, None, None)
    assert r["sold_out_after_s"] is None and r["orders_placed_per_s"] == 50.0 and r["ratio_to_ceiling"] is None


def test_doc_section_appends_rows_and_keeps_other_sections(tmp_path):
    doc, svg = tmp_path / "benchmarks.md", tmp_path / "chart.svg"
    consolidation = ("<!-- consolidation:start -->\n## Consolidation: product matching\n\n| N |\n|---|\n| 100 |\n"
                     "<!-- consolidation:end -->\n")
    doc.write_text("# Benchmarks\n\n" + consolidation, encoding="utf-8")
    for clients, ok in ((8, 100), (32, 300), (64, 400), (128, 380)):
        r = report.build("hot", clients, 5, 10.0, load_result(ok=ok), CONSISTENT, {"http_place_order": 14},
                         {"tps": 2500.0}, None)
        report.update_doc([r], doc, svg)
    report.update_doc([report.build("catalog", 8, 5, 10.0, load_result(rejected=0), None, None, None, None)], doc, svg)
    text = doc.read_text(encoding="utf-8")
    assert consolidation in text and text.count("## Flash sale") == 1
    rows = [line for line in text.splitlines() if line.startswith("| 20")]
    assert len(rows) == 5 and "| hot | 128 |" in rows[3] and "| catalog | 8 |" in rows[4]
    assert "flash-sale-throughput.svg" in text
    root = ET.fromstring(svg.read_text(encoding="utf-8"))
    assert root.tag.endswith("svg")
    assert len([e for e in root.iter() if e.tag.endswith("polyline")]) == 3  # hot placed, hot paid, catalog
    assert len([e for e in root.iter() if e.tag.endswith("circle")]) == 9  # 4 placed, 4 paid, 1 catalog


def test_bench_command_group_parses():
    parser = argparse.ArgumentParser(prog="haitao")
    add_parsers(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(["bench", "flash-sale", "--scenario", "random", "--sweep", "8,32,64,128",
                              "--duration", "5", "--json", "--stock", "50", "--buyers", "100", "--no-write-docs"])
    assert (args.scenario, args.sweep, args.duration, args.json, args.stock, args.buyers, args.no_write_docs) == (
        "random", "8,32,64,128", 5.0, True, 50, 100, True)
    defaults = parser.parse_args(["bench", "flash-sale"])
    assert defaults.clients == 64 and defaults.duration == 20.0 and defaults.scenario == "hot"
    assert defaults.database_url == "postgres://postgres@127.0.0.1:5432/haitao_bench" and callable(defaults.func)
