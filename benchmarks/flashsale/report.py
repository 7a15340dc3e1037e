"""The result object of one run, the "## Flash sale" section of docs/benchmarks.md and its chart."""

import html
import json
import os
import re
from datetime import date
from pathlib import Path

from . import dbstats
from .cpu import per_order_ms

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "benchmarks.md"
SVG = ROOT / "docs" / "flash-sale-throughput.svg"
START, END = "<!-- flash-sale:start -->", "<!-- flash-sale:end -->"
DATA = re.compile(r"<!-- flash-sale:data (.*?) -->", re.DOTALL)
MAX_ROWS = 60


def build(scenario: str, clients: int, workers: int, duration: float, load: dict, consistency: dict | None,
          statements: dict | None, ceiling: dict | None, setup: dict | None = None) -> dict:
    """One run's numbers. Orders/s placed is over the time orders were being placed: the whole phase,
    or, when the hot SKU sold out earlier, first request → last successful placement."""
    p1 = load["phase1"]
    catalog = scenario == "catalog"
    sold_out_at = p1["last_ok_s"] if (consistency and not catalog and p1["rejected"]) else None
    window = sold_out_at if sold_out_at else p1["elapsed_s"]
    placed_per_s = None if catalog else round(p1["ok"] / window, 1) if window else 0.0
    pay = load.get("payment")
    paid_per_s = round(pay["ok"] / pay["elapsed_s"], 1) if pay and pay["elapsed_s"] else None
    requests_per_s = round(p1["requests"] / p1["elapsed_s"], 1) if p1["elapsed_s"] else 0.0
    headline = requests_per_s if catalog else placed_per_s
    ceiling_tps = ceiling.get("tps") if ceiling else None
    result = {
        "benchmark": "flash-sale",
        "scenario": scenario,
        "clients": clients,
        "server_workers": workers,
        "duration_s": duration,
        "orders_placed": None if catalog else p1["ok"],
        "orders_placed_per_s": placed_per_s,
        "placement_window_s": None if catalog else round(window, 3),
        "sold_out_after_s": sold_out_at,
        "attempts": p1["requests"],
        "attempts_per_s": requests_per_s,
        "out_of_stock": p1["rejected"],
        "orders_paid": pay["ok"] if pay else (None if catalog else 0),
        "orders_paid_per_s": paid_per_s,
        "payment_phase_s": pay["elapsed_s"] if pay else None,
        "latency_ms": p1["latency_ms"],
        "latency_ms_successful": p1["ok_latency_ms"],
        "payment_latency_ms": pay["latency_ms"] if pay else None,
        "errors": {"placement" if not catalog else "requests": p1["errors"], "payment": pay["errors"] if pay else {}},
        "error_count": p1["error_count"] + (pay["error_count"] if pay else 0),
        "statuses": p1["statuses"],
        "oversold": consistency["oversold"] if consistency else None,
        "consistency": consistency,
        "sql_statements_per_checkout": statements,
        "ceiling": ceiling,
        "ceiling_tps": ceiling_tps,
        "ratio_to_ceiling": round(headline / ceiling_tps, 4) if headline and ceiling_tps else None,
        "cpu_s": {"placement": p1.get("cpu_s"), "payment": pay.get("cpu_s") if pay else None},
        "cpu_ms_per_order": {"placement": per_order_ms(p1.get("cpu_s"), p1["ok"] or None),
                             "payment": per_order_ms(pay.get("cpu_s"), pay["ok"] or None) if pay else None},
        "paid_to_placed": round(paid_per_s / placed_per_s, 3) if paid_per_s and placed_per_s else None,
        "orders_declared": pay.get("declared_orders") if pay else None,
        "declared_per_s": _declared_per_s(pay),
        "declare_drain_s": pay.get("declare_drain_s") if pay else None,
        "database_per_order": {"placement": dbstats.per_order(p1.get("database"), p1["ok"] or None),
                               "payment": dbstats.per_order(pay.get("database"), pay["ok"] or None) if pay else None,
                               "source": (p1.get("database") or {}).get("source")},
        "load_generator": p1.get("generator", "python"),
        "setup": setup,
        "machine": {"cores": os.cpu_count(), "load_average": [round(x, 2) for x in os.getloadavg()]},
        "date": date.today().isoformat(),
    }
    return result


def _declared_per_s(pay: dict | None):
    """Orders whose documents were built per second of the payment phase plus the worker's drain."""
    if not pay or pay.get("declared_orders") is None:
        return None
    seconds = (pay.get("elapsed_s") or 0) + (pay.get("declare_drain_s") or 0)
    return round(pay["declared_orders"] / seconds, 1) if seconds else None


# --- docs/benchmarks.md ----------------------------------------------------------------------
def _fmt(value, spec="{:,.1f}") -> str:
    return "–" if value is None else spec.format(value)


def row_of(r: dict) -> dict:
    """What the table and the chart keep of a run (the section stores these as JSON)."""
    sql = r.get("sql_statements_per_checkout") or {}
    lat = r.get("latency_ms") or {}
    return {"date": r["date"], "scenario": r["scenario"], "clients": r["clients"], "workers": r["server_workers"],
            "duration_s": r["duration_s"], "placed_per_s": r["orders_placed_per_s"],
            "requests_per_s": r["attempts_per_s"], "paid_per_s": r["orders_paid_per_s"],
            "p50": lat.get("p50"), "p95": lat.get("p95"), "p99": lat.get("p99"), "out_of_stock": r["out_of_stock"],
            "errors": r["error_count"], "oversold": r["oversold"], "sql": sql.get("http_place_order"),
            "ceiling": r["ceiling_tps"], "ratio": r["ratio_to_ceiling"], "cores": r["machine"]["cores"],
            "server_cpu_ms": _server_cpu_ms(r), "busy": ((r.get("cpu_s") or {}).get("placement") or {}).get(
                "machine_busy_fraction"),
            "generator": r.get("load_generator"), "sql_callback": sql.get("http_payment_callback"),
            "declared_per_s": r.get("declared_per_s"),
            "cpu_place": _cpu_parties((r.get("cpu_ms_per_order") or {}).get("placement")),
            "cpu_pay": _cpu_parties((r.get("cpu_ms_per_order") or {}).get("payment")),
            "db_place": _db_cost((r.get("database_per_order") or {}).get("placement")),
            "db_pay": _db_cost((r.get("database_per_order") or {}).get("payment"))}


def _cpu_parties(ms: dict | None):
    """[server, postgres, load generator, worker] ms of CPU per order."""
    if not ms:
        return None
    return [ms.get(k) for k in ("server", "postgres_backends", "load_generator", "worker")]


def _db_cost(per: dict | None):
    """[statements or None, transactions, rows written] per order, as the database counted them."""
    if not per:
        return None
    return [per.get("statements"), per.get("xact_commit"), per.get("rows_written")]


def _server_cpu_ms(r: dict):
    """gunicorn CPU per request of phase 1 (placements, 409s included; catalog: pages served)."""
    cpu = ((r.get("cpu_s") or {}).get("placement") or {}).get("server")
    done = r["attempts"]
    return round(cpu * 1000 / done, 1) if cpu is not None and done else None


def _table_line(d: dict) -> str:
    headline = d["requests_per_s"] if d["scenario"] == "catalog" else d["placed_per_s"]
    unit = " req" if d["scenario"] == "catalog" else ""
    return (f"| {d['date']} | {d['scenario']} | {d['clients']} | {d['workers']} | {d['duration_s']:g} s | "
            f"**{_fmt(headline)}**{unit} | {_fmt(d['paid_per_s'])} | "
            f"{_fmt(d['p50'], '{:g}')} / {_fmt(d['p95'], '{:g}')} / {_fmt(d['p99'], '{:g}')} | "
            f"{_fmt(d['out_of_stock'], '{:,}')} | {_fmt(d['errors'], '{:,}')} | {_fmt(d['oversold'], '{:,}')} | "
            f"{_fmt(d['sql'], '{}')} | {_fmt(d.get('server_cpu_ms'), '{:g}')} | {_fmt(d.get('busy'), '{:.0%}')} | "
            f"{_fmt(d['ceiling'], '{:,.0f}')} | {_fmt(d['ratio'], '{:.1%}')} | {d['cores']} |")


def _parts(values, spec="{:g}") -> str:
    return "–" if not values else " · ".join(_fmt(v, spec) for v in values)


def _detail_line(d: dict) -> str:
    ratio = d["paid_per_s"] / d["placed_per_s"] if d.get("paid_per_s") and d.get("placed_per_s") else None
    return (f"| {d['scenario']} | {d['clients']} | {d['date']} | {d.get('generator') or '–'} | "
            f"{_fmt(d['placed_per_s'])} | {_fmt(d['paid_per_s'])} | {_fmt(ratio, '{:.2f}')} | "
            f"{_fmt(d.get('declared_per_s'))} | {_fmt(d.get('sql_callback'), '{}')} | {_parts(d.get('cpu_place'))} | "
            f"{_parts(d.get('cpu_pay'))} | {_parts(d.get('db_place'))} | {_parts(d.get('db_pay'))} | "
            f"{_fmt(d.get('busy'), '{:.0%}')} |")


def _chart_points(rows: list[dict]) -> dict[str, list[tuple[int, float]]]:
    """Latest value per (series, clients): the curves of throughput against client count — orders
    placed per scenario, and orders paid where the run paid them."""
    last_day = {}  # each scenario's curve from its latest day only: days differ too much to mix
    for d in rows:
        last_day[d["scenario"]] = max(last_day.get(d["scenario"], ""), d["date"])
    latest: dict[tuple[str, int], float] = {}
    for d in rows:
        if d["date"] != last_day[d["scenario"]]:
            continue
        value = d["requests_per_s"] if d["scenario"] == "catalog" else d["placed_per_s"]
        if value is not None:
            latest[(d["scenario"], d["clients"])] = value
        if d["scenario"] != "catalog" and d.get("paid_per_s") is not None:
            latest[(f"{d['scenario']} paid", d["clients"])] = d["paid_per_s"]
    series: dict[str, list[tuple[int, float]]] = {}
    for (scenario, clients), value in sorted(latest.items(), key=lambda kv: (kv[0][0], kv[0][1])):
        series.setdefault(scenario, []).append((clients, value))
    return series


def svg_chart(series: dict[str, list[tuple[int, float]]],
              title: str = "haitao flash sale: throughput vs clients (each scenario's latest day)") -> str:
    """A small hand-made SVG line chart (log2 x axis of client counts, linear y from 0)."""
    import math

    width, height, left, right, top, bottom = 640, 360, 64, 150, 40, 48
    pw, ph = width - left - right, height - top - bottom
    xs = sorted({c for pts in series.values() for c, _ in pts}) or [8, 32, 64, 128]
    ymax = max([v for pts in series.values() for _, v in pts] or [1.0])
    step = 10 ** math.floor(math.log10(ymax)) if ymax > 0 else 1
    ytop = math.ceil(ymax / step) * step if ymax > 0 else 1
    lx0, lx1 = math.log2(min(xs)), math.log2(max(xs))

    def x(c):
        return left + (pw / 2 if lx1 == lx0 else (math.log2(c) - lx0) / (lx1 - lx0) * pw)

    def y(v):
        return top + ph - v / ytop * ph

    colors = {"hot": "#c40000", "random": "#1f6feb", "catalog": "#2da44e", "hot paid": "#c40000",
              "random paid": "#1f6feb"}
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
           f'viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="12">',
           f'<rect width="{width}" height="{height}" fill="#fff"/>',
           f'<text x="{left}" y="22" font-size="14" font-weight="bold">{html.escape(title)}</text>']
    for i in range(6):
        v = ytop * i / 5
        out.append(f'<line x1="{left}" y1="{y(v):.1f}" x2="{left + pw}" y2="{y(v):.1f}" stroke="#ddd"/>')
        out.append(f'<text x="{left - 6}" y="{y(v) + 4:.1f}" text-anchor="end">{v:,.0f}</text>')
    for c in xs:
        out.append(f'<line x1="{x(c):.1f}" y1="{top}" x2="{x(c):.1f}" y2="{top + ph}" stroke="#eee"/>')
        out.append(f'<text x="{x(c):.1f}" y="{top + ph + 16}" text-anchor="middle">{c}</text>')
    out.append(f'<text x="{left + pw / 2}" y="{height - 10}" text-anchor="middle">concurrent clients</text>')
    out.append(f'<text transform="translate(16 {top + ph / 2}) rotate(-90)" text-anchor="middle">'
               f'orders / s (placed; dashed: paid; catalog: requests)</text>')
    out.append(f'<line x1="{left}" y1="{top + ph}" x2="{left + pw}" y2="{top + ph}" stroke="#333"/>')
    out.append(f'<line x1="{left}" y1="{top}" x2="{left}" y2="{top + ph}" stroke="#333"/>')
    for i, (scenario, pts) in enumerate(sorted(series.items())):
        color = colors.get(scenario, "#8250df")
        path = " ".join(f"{x(c):.1f},{y(v):.1f}" for c, v in pts)
        dash = ' stroke-dasharray="6 4"' if scenario.endswith(" paid") else ""
        out.append(f'<polyline points="{path}" fill="none" stroke="{color}" stroke-width="2"{dash}/>')
        for c, v in pts:
            out.append(f'<circle cx="{x(c):.1f}" cy="{y(v):.1f}" r="3.5" fill="{color}">'
                       f'<title>{scenario}, {c} clients: {v:,.1f}/s</title></circle>')
        ly = top + 10 + i * 20
        out.append(f'<line x1="{left + pw + 16}" y1="{ly}" x2="{left + pw + 36}" y2="{ly}" stroke="{color}" '
                   f'stroke-width="2"{dash}/><text x="{left + pw + 42}" y="{ly + 4}">{html.escape(scenario)}</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"


def _section(rows: list[dict]) -> str:
    lines = [
        START,
        "## Flash sale",
        "",
        "`haitao bench flash-sale` (or `.venv/bin/python -m benchmarks.flashsale flash-sale`): a fresh PostgreSQL",
        "database (`haitao_bench`), one brand, one hot SKU with fixed stock (default 60,000 units: at the target",
        "rate the sale lasts most of the run, so placed/s is a sustained rate) and a 10,000-SKU catalog, 20,000 buyers",
        "with verified identities and API tokens; `haitao serve` (gunicorn, production settings) driven through the",
        "REST API by a separate asyncio/aiohttp load process on 127.0.0.1. Scenarios: **hot** (every buyer wants the",
        "one SKU; 409 `out_of_stock` once sold out is expected and counted apart from errors), **random** (one of",
        "10,000 SKUs each), **catalog** (product pages and searches). Placement is measured first, then the",
        "payment phase (start payment + signed sandbox callback) separately. After each run SQL checks that",
        "nothing is oversold, Σ allocations = stock sold, every order has its quota entry (and, once customs",
        "declarations exist, every paid order its declaration). The ceiling is pgbench running the minimal SQL",
        "of a sale (conditional stock `UPDATE` + order `INSERT`, one transaction, synchronous commit) on the",
        "same database in the same run, best of 8/16/32/64 clients; ratio = HTTP orders/s ÷ ceiling.",
        "Hot-scenario orders/s are over the time until the SKU sold out. Numbers from a shared machine are noisy:",
        "compare rows of the same date (its speed changes from day to day; docs/scaling.md has a same-hour before/after).",
        "",
        "![throughput against client count](flash-sale-throughput.svg)",
        "",
        "| date | scenario | clients | gunicorn workers | duration | orders/s placed | orders/s paid | "
        "p50 / p95 / p99 ms | out of stock | errors | oversold | SQL / order | server CPU ms / request | machine busy | "
        "pgbench ceiling tps | ratio | cores |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
        *(_table_line(d) for d in rows),
        "",
        "SQL / order: statements of one `POST /orders` through the view (token auth, placement, response).",
        "Server CPU ms / request: gunicorn CPU during placement ÷ requests (409s, which are cheaper, included). Machine",
        "busy: share of all cores in use during placement, other tenants included (100% = the run was starved).",
        "`docs/scaling.md` reads these numbers toward Double 11 volumes.",
        "",
        "**Both phases, CPU and database work per order** (issue 15; runs from then on). Placement by wrk",
        "(`placement.lua`: tokens and Idempotency-Keys per request) unless the generator says python; payment",
        "by the Python generator (start payment + signed callback) while `haitao worker` builds the customs",
        "documents from the callbacks' outbox rows; declared/s counts those built per second of the payment",
        "phase plus the worker's drain. CPU ms per order (placed, resp. paid): server · PostgreSQL backends ·",
        "load generator (· worker), from /proc and getrusage over the phase. Database per order:",
        "statements (pg_stat_statements, when loaded; – otherwise) · transactions committed · rows written,",
        "from the database's own counters — amortised over batches whatever the client does.",
        "",
        "| scenario | clients | date | placement load | placed/s | paid/s | paid ÷ placed | declared/s | "
        "SQL / callback | CPU ms / placed order | CPU ms / paid order | DB / placed order | DB / paid order | "
        "machine busy |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
        *(_detail_line(d) for d in rows if d.get("cpu_place") is not None),
        "",
        f"<!-- flash-sale:data {json.dumps(rows, separators=(',', ':'))} -->",
        END,
    ]
    return "\n".join(lines)


def update_doc(results: list[dict], doc: Path = DOC, svg: Path | None = SVG) -> None:
    """Append rows for `results` to the Flash sale section (created if missing); other sections and any
    text outside the section's markers are kept byte for byte. Rewrites the chart from all rows."""
    text = doc.read_text(encoding="utf-8") if doc.is_file() else "# Benchmarks\n"
    rows: list[dict] = []
    if START in text and END in text:
        before, rest = text.split(START, 1)
        old, after = rest.split(END, 1)
        found = DATA.search(old)
        if found:
            rows = json.loads(found.group(1))
    else:
        before, after = text.rstrip("\n") + "\n\n", "\n"
    rows = (rows + [row_of(r) for r in results])[-MAX_ROWS:]
    doc.parent.mkdir(parents=True, exist_ok=True)
    doc.write_text(before + _section(rows) + after, encoding="utf-8")
    if svg is not None:
        svg.write_text(svg_chart(_chart_points(rows)), encoding="utf-8")
