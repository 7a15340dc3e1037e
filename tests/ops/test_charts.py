"""The SVG helpers: well-formed, labels escaped, colours checked, empty data handled."""

import xml.etree.ElementTree as ET
from decimal import Decimal

from django.utils import translation

from haitao.ops.charts import FALLBACK_COLOR, bar_chart, line_chart, safe_color

SVG = "{http://www.w3.org/2000/svg}"


def test_bar_chart_is_wellformed_and_escapes_labels():
    svg = bar_chart([("<b>&co</b>", 10, "#ff0000"), ("b", Decimal("5.5"), '"><script>')], "t <1>")
    root = ET.fromstring(svg)
    rects = root.findall(f"{SVG}rect")
    assert [r.get("fill") for r in rects] == ["#ff0000", FALLBACK_COLOR]
    assert abs(float(rects[0].get("width")) / float(rects[1].get("width")) - 10 / 5.5) < 0.01
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert "<b>&co</b>" in texts and "<script>" not in svg
    assert root.find(f"{SVG}title").text == "t <1>"


def test_bar_chart_empty_and_all_zero():
    with translation.override("en"):
        assert "no data" in bar_chart([], "empty")
    with translation.override("zh-hans"):
        assert "暂无数据" in bar_chart([], "empty")
    root = ET.fromstring(bar_chart([("a", 0, "#000")], "zero"))
    assert root.find(f"{SVG}rect").get("width") == "0.0"


def test_line_chart_one_polyline_per_series():
    svg = line_chart(["01", "02", "03"], [("A&B", "#123456", [1, 2, 3]), ("C", None, [0, 0, 0])], "gmv",
                     fmt=lambda v: f"¥{v}")
    root = ET.fromstring(svg)
    lines = root.findall(f"{SVG}polyline")
    assert [p.get("stroke") for p in lines] == ["#123456", FALLBACK_COLOR]
    assert len(lines[0].get("points").split()) == 3
    assert "A&B" in [t.text for t in root.iter(f"{SVG}text")]
    ET.fromstring(line_chart([], [], "empty"))
    ET.fromstring(line_chart(["only"], [("x", "#abc", [Decimal("1.00")])], "one day"))


def test_safe_color():
    assert safe_color("#abc") == "#abc" and safe_color("red") == FALLBACK_COLOR and safe_color(None) == FALLBACK_COLOR
