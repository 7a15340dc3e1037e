"""The consolidation report: ``report.json`` (a dict in the shape of platform-export.md) and ``report.html``.

Pure: ``build_report`` turns decisions into a dict, ``render_html`` turns that dict into one
self-contained, escaped HTML page; ``write_report`` is the only function that touches the disk.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Mapping
from decimal import Decimal
from html import escape
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils import translation

from .conflicts import Conflict
from .match import ProductDecision
from .link import CustomerDecision
from .reader import Quarantined

PRODUCT_DECISIONS = ("matched", "created", "review")
CUSTOMER_DECISIONS = ("linked", "created", "review")
HTML_ROW_LIMIT = 1000  # the page stays readable; report.json has everything
LANGUAGES = ("en", "zh-hans")  # report.html is English; report.zh-hans.html is for Chinese operators


def _(text: str) -> str:
    """The translation when Django is set up (the CLI, the admin); the English text in the pure core."""
    return translation.gettext(text) if settings.configured else text


def _as_dict(item: Any) -> dict[str, Any]:
    return item.to_dict() if hasattr(item, "to_dict") else dict(item)


def _counts(decisions: list[dict], kinds: tuple[str, ...], quarantined: int) -> dict[str, int]:
    tally = Counter(d["decision"] for d in decisions)
    counts = {"read": len(decisions) + quarantined}
    counts.update({kind: tally.get(kind, 0) for kind in kinds})
    counts["quarantined"] = quarantined
    return counts


def build_report(
    *,
    platform: str,
    brand: str,
    dry_run: bool,
    products: Iterable[ProductDecision | Mapping] = (),
    customers: Iterable[CustomerDecision | Mapping] = (),
    quarantined: Iterable[Quarantined | Mapping] = (),
    conflicts: Iterable[tuple[str, Conflict] | Mapping] = (),
    merchants: Mapping[str, int] | None = None,
    orders: Mapping[str, int] | None = None,
) -> dict[str, Any]:
    """The report dict. ``conflicts`` are (sku, Conflict) pairs or ready dicts; ``merchants`` and
    ``orders`` are counts the merge step knows (read / imported …); quarantined lines are counted per file.
    """
    product_rows = [_as_dict(d) for d in products]
    customer_rows = [_as_dict(d) for d in customers]
    quarantine_rows = [_as_dict(q) for q in quarantined]
    per_file = Counter(q["file"] for q in quarantine_rows)
    conflict_rows = []
    for item in conflicts:
        if isinstance(item, Mapping):
            conflict_rows.append(dict(item))
        else:
            sku, conflict = item
            conflict_rows.append({"sku": sku, "field": conflict.field, "haitao": conflict.haitao,
                                  "source": conflict.source})
    merchant_counts = {"read": 0, "imported": 0, **(merchants or {})}
    merchant_counts["quarantined"] = per_file["merchants.jsonl"]
    merchant_counts["read"] = max(merchant_counts["read"], merchant_counts["imported"] + per_file["merchants.jsonl"])
    order_counts = {"read": 0, "imported": 0, **(orders or {})}
    order_counts["quarantined"] = per_file["orders.jsonl"]
    order_counts["read"] = max(order_counts["read"], order_counts["imported"] + per_file["orders.jsonl"])
    return {
        "platform": platform,
        "brand": brand,
        "dry_run": bool(dry_run),
        "counts": {
            "products": _counts(product_rows, PRODUCT_DECISIONS, per_file["products.jsonl"]),
            "customers": _counts(customer_rows, CUSTOMER_DECISIONS, per_file["customers.jsonl"]),
            "merchants": merchant_counts,
            "orders": order_counts,
        },
        "products": product_rows,
        "customers": customer_rows,
        "quarantined": quarantine_rows,
        "conflicts": conflict_rows,
    }


def _json_default(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


def to_json(report: Mapping[str, Any]) -> str:
    return json.dumps(report, ensure_ascii=False, indent=2, default=_json_default)


def _table(headers: list[str], rows: list[list[Any]], total: int | None = None) -> str:
    if not rows:
        return '<p class="none">{}</p>'.format(escape(_("None.")))
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{escape(_cell(c))}</td>" for c in row) + "</tr>" for row in rows)
    more = ""
    if total is not None and total > len(rows):
        more = '<p class="more">{}</p>'.format(escape(_("Showing %(shown)s of %(total)s; report.json has them all.")
                                                      % {"shown": len(rows), "total": total}))
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>{more}"


def _cell(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:.3f}"
    if isinstance(value, (list, tuple)):
        return ", ".join(_cell(v) for v in value)
    if isinstance(value, Mapping):
        return f"{value.get('sku', '')} ({_cell(value.get('score'))})"
    return str(value)


_STYLE = """
body{font:14px/1.5 system-ui,-apple-system,"PingFang SC","Noto Sans CJK SC",sans-serif;margin:2rem auto;
max-width:72rem;padding:0 1rem;color:#222}
h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:2rem;border-bottom:1px solid #ddd}
table{border-collapse:collapse;width:100%;margin:.5rem 0}th,td{border:1px solid #ddd;padding:.3rem .5rem;
text-align:left;vertical-align:top}th{background:#f5f5f5}tbody tr:nth-child(even){background:#fafafa}
.dry{background:#fff3cd;padding:.5rem;border:1px solid #e0c36a}.none,.more{color:#666}
"""


def render_html(report: Mapping[str, Any], language: str = "en") -> str:
    """One self-contained page (inline CSS, no scripts, every value escaped), in `language`."""
    if not settings.configured:
        return _render_html(report, "en")
    with translation.override(language):
        return _render_html(report, language)


def _render_html(report: Mapping[str, Any], language: str) -> str:
    counts = report.get("counts", {})
    summary_rows = []
    for kind in ("products", "customers", "merchants", "orders"):
        for key, value in counts.get(kind, {}).items():
            summary_rows.append([kind, key, value])
    reviews = [d for d in report.get("products", []) if d.get("decision") == "review"]
    product_review = [[d.get("source_id"), d.get("score"), d.get("reasons"), d.get("candidates", [])]
                      for d in reviews[:HTML_ROW_LIMIT]]
    customer_reviews = [d for d in report.get("customers", []) if d.get("decision") == "review"]
    customer_review = [[d.get("source_id"), d.get("reasons"), d.get("candidates", [])]
                       for d in customer_reviews[:HTML_ROW_LIMIT]]
    conflicts = report.get("conflicts", [])
    conflict_rows = [[c.get("sku"), c.get("field"), c.get("haitao"), c.get("source")] for c in conflicts[:HTML_ROW_LIMIT]]
    quarantined = report.get("quarantined", [])
    quarantine_rows = [[q.get("file"), q.get("line"), q.get("reason")] for q in quarantined[:HTML_ROW_LIMIT]]
    warehouses = report.get("warehouses", [])
    warehouse_rows = [[w.get("source"), w.get("warehouse"), _("created") if w.get("created") else _("existing")]
                      for w in warehouses[:HTML_ROW_LIMIT]]
    notes = report.get("notes", [])
    note_rows = [[n.get("kind"), n.get("sku") or n.get("source_id") or "", n.get("reason") or n.get("note")]
                 for n in notes[:HTML_ROW_LIMIT]]
    deferred = report.get("orders_deferred", [])
    deferred_rows = [[_cell(d.get("source_id") if isinstance(d, Mapping) else d),
                      d.get("reason") if isinstance(d, Mapping) else ""] for d in deferred[:HTML_ROW_LIMIT]]
    skipped_rows = [[kind, n] for kind, n in report.get("skipped_existing", {}).items() if n]
    title = _("Consolidation of %(platform)s as brand %(brand)s") % {"platform": report.get("platform", "?"),
                                                                     "brand": report.get("brand", "?")}
    dry = '<p class="dry">{}</p>'.format(escape(_("Dry run: nothing was written."))) if report.get("dry_run") else ""
    status = report.get("brand_status") or {}
    awaiting = ('<p class="dry">{}</p>'.format(escape(_(
        "Brand %(code)s awaits activation: buyers see neither its storefront nor its API until an operator "
        "activates it (admin: Brands → Activate, or %(command)s).") % {
            "code": status.get("code"), "command": status.get("activate")}))
        if status.get("awaits_activation") else "")

    def h2(text):
        return f"<h2>{escape(text)}</h2>"

    return "\n".join([
        "<!doctype html>",
        f'<html lang="{escape(language)}"><head><meta charset="utf-8">',
        f"<title>{escape(title)}</title><style>{_STYLE}</style></head><body>",
        f"<h1>{escape(title)}</h1>{dry}{awaiting}",
        h2(_("Summary")), _table([_("kind"), _("count"), _("value")], summary_rows),
        h2(_("Products to review")),
        _table([_("source id"), _("score"), _("reasons"), _("candidates")], product_review, len(reviews)),
        h2(_("Customers to review")),
        _table([_("source id"), _("reasons"), _("candidates")], customer_review, len(customer_reviews)),
        h2(_("Conflicts")),
        _table(["sku", _("field"), "haitao", _("source")], conflict_rows, len(conflicts)),
        h2(_("Quarantined lines")),
        _table([_("file"), _("line"), _("reason")], quarantine_rows, len(quarantined)),
        h2(_("Warehouses")),
        '<p class="more">{}</p>'.format(escape(_("A created warehouse starts inactive: check it, then activate it "
                                                 "in the admin.")))
        if any(w.get("created") for w in warehouses) else "",
        _table([_("source warehouse"), _("haitao warehouse"), ""], warehouse_rows, len(warehouses)),
        h2(_("Notes")), _table([_("kind"), _("sku / source id"), _("note")], note_rows, len(notes)),
        h2(_("Orders deferred")), _table([_("source order"), _("reason")], deferred_rows, len(deferred)),
        h2(_("Already consolidated by an earlier run (skipped)")), _table([_("kind"), _("records")], skipped_rows),
        "</body></html>",
    ])


def write_report(report: Mapping[str, Any], folder: str | Path) -> tuple[Path, Path]:
    """Write ``report.json`` and ``report.html`` into ``folder`` (created if needed), and, where the
    translations are at hand (Django set up), ``report.zh-hans.html`` for Chinese operators."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    json_path, html_path = folder / "report.json", folder / "report.html"
    json_path.write_text(to_json(report), encoding="utf-8")
    html_path.write_text(render_html(report), encoding="utf-8")
    if settings.configured:
        for language in LANGUAGES[1:]:
            (folder / f"report.{language}.html").write_text(render_html(report, language), encoding="utf-8")
    return json_path, html_path
