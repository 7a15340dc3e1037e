"""Tiny server-side SVG charts: a horizontal bar chart and a multi-series line chart.

No JavaScript, no CDN. Every label is XML-escaped and every colour is checked against a hex
pattern (brand colours are operator data), so the output is safe to drop into a page as is.
"""

import re
from collections.abc import Callable, Sequence
from decimal import Decimal
from xml.sax.saxutils import escape, quoteattr

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

FALLBACK_COLOR = "#888888"
_HEX = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")
FONT = 'font-family="sans-serif" font-size="11"'


def _no_data() -> str:
    return gettext("no data")


def safe_color(value: str | None) -> str:
    return value if value and _HEX.match(value) else FALLBACK_COLOR


def _num(x) -> str:
    return f"{float(x):.1f}"


def _svg(width: int, height: int, title: str, body: list[str]) -> SafeString:
    head = (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
            f'viewBox="0 0 {width} {height}" role="img" aria-label={quoteattr(title)}>'
            f"<title>{escape(title)}</title>")
    return mark_safe(head + "".join(body) + "</svg>")  # noqa: S308 - every text in it went through escape()


def bar_chart(items: Sequence[tuple[str, int | Decimal, str | None]], title: str,
              fmt: Callable[[object], str] = str, width: int = 520, bar_height: int = 20) -> SafeString:
    """Horizontal bars, one per (label, value, colour). Values are drawn proportionally to the largest."""
    label_w, value_w, gap, top = 150, 110, 6, 8
    plot_w = width - label_w - value_w
    height = top * 2 + max(len(items), 1) * (bar_height + gap)
    peak = max((Decimal(v) for _, v, _ in items), default=Decimal(0))
    body: list[str] = []
    if not items:
        body.append(f'<text x="8" y="24" {FONT} fill="#666">{escape(_no_data())}</text>')
    for i, (label, value, color) in enumerate(items):
        y = top + i * (bar_height + gap)
        w = float(Decimal(value) / peak * plot_w) if peak > 0 else 0.0
        mid = y + bar_height / 2 + 4
        body.append(f'<text x="{label_w - 6}" y="{_num(mid)}" text-anchor="end" {FONT}>{escape(str(label))}</text>')
        body.append(f'<rect x="{label_w}" y="{y}" width="{_num(w)}" height="{bar_height}" '
                    f'fill="{safe_color(color)}"><title>{escape(str(label))}: {escape(fmt(value))}</title></rect>')
        body.append(f'<text x="{_num(label_w + w + 6)}" y="{_num(mid)}" {FONT}>{escape(fmt(value))}</text>')
    return _svg(width, height, title, body)


def line_chart(x_labels: Sequence[str], series: Sequence[tuple[str, str | None, Sequence[int | Decimal]]],
               title: str, fmt: Callable[[object], str] = str, width: int = 720, height: int = 260) -> SafeString:
    """One polyline per (name, colour, values); values align with x_labels. Legend below the plot."""
    left, right, top = 70, 12, 12
    legend_h = 18 * max(len(series), 1)
    bottom = 34 + legend_h
    plot_w, plot_h = width - left - right, height - top - bottom
    peak = max((Decimal(v) for _, _, values in series for v in values), default=Decimal(0))
    n = len(x_labels)

    def x(i: int) -> float:
        return left + (plot_w * i / (n - 1) if n > 1 else plot_w / 2)

    def y(v) -> float:
        return top + plot_h - (float(Decimal(v) / peak) * plot_h if peak > 0 else 0.0)

    body = [f'<line x1="{left}" y1="{top + plot_h}" x2="{left + plot_w}" y2="{top + plot_h}" stroke="#999"/>',
            f'<line x1="{left}" y1="{top}" x2="{left}" y2="{top + plot_h}" stroke="#999"/>',
            f'<text x="{left - 4}" y="{top + 8}" text-anchor="end" {FONT}>{escape(fmt(peak))}</text>',
            f'<text x="{left - 4}" y="{top + plot_h}" text-anchor="end" {FONT}>{escape(fmt(Decimal(0)))}</text>']
    step = max(1, n // 6)
    for i in range(0, n, step):
        body.append(f'<text x="{_num(x(i))}" y="{top + plot_h + 16}" text-anchor="middle" {FONT}>'
                    f"{escape(str(x_labels[i]))}</text>")
    for k, (name, color, values) in enumerate(series):
        c = safe_color(color)
        points = " ".join(f"{_num(x(i))},{_num(y(v))}" for i, v in enumerate(values))
        body.append(f'<polyline fill="none" stroke="{c}" stroke-width="2" points="{points}">'
                    f"<title>{escape(str(name))}</title></polyline>")
        ly = top + plot_h + 34 + k * 18
        body.append(f'<rect x="{left}" y="{ly - 10}" width="12" height="12" fill="{c}"/>')
        body.append(f'<text x="{left + 18}" y="{ly}" {FONT}>{escape(str(name))}</text>')
    if not series:
        body.append(f'<text x="{left + 8}" y="{top + 20}" {FONT} fill="#666">{escape(_no_data())}</text>')
    return _svg(width, height, title, body)
