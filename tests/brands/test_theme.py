"""Readable storefronts: WCAG contrast computed for every demo brand's colours and for the default theme."""

import re
from pathlib import Path

import pytest

from haitao.brands import theme
from haitao.demo.reference import BRANDS

STATIC = Path(__file__).resolve().parents[2] / "haitao" / "web" / "static" / "web"


def test_contrast_ratio_matches_the_wcag_formula():
    assert theme.contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert theme.contrast("#ffffff", "#ffffff") == pytest.approx(1.0)
    assert theme.contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)  # the classic just-fails grey
    assert theme.contrast("#ffffff", "#777777") == theme.contrast("#777777", "#ffffff")


@pytest.mark.parametrize("colours", [(b["code"], b["primary_color"], b["accent_color"], b["theme"]) for b in BRANDS]
                         + [("default", theme.DEFAULT_PRIMARY, theme.DEFAULT_ACCENT, theme.DEFAULT_THEME)],
                         ids=lambda c: c[0])
def test_every_demo_and_default_theme_renders_text_at_4_5_or_more(colours):
    _code, primary, accent, name = colours
    pairs = theme.contrast_pairs(theme.palette(primary, accent, name), name)
    assert {"header text", "button text"} <= {where for where, *_ in pairs}
    assert len(pairs) >= 6
    assert all(ratio >= theme.MIN_CONTRAST for *_, ratio in pairs), pairs


def test_the_default_theme_is_readable_as_chosen_not_only_after_adjustment():
    p = theme.palette(theme.DEFAULT_PRIMARY, theme.DEFAULT_ACCENT)
    assert (p.primary, p.accent, p.accent_text) == (theme.DEFAULT_PRIMARY, theme.DEFAULT_ACCENT, theme.DEFAULT_ACCENT)
    assert p.on_accent == theme.WHITE


def test_white_on_white_cannot_be_rendered():
    """The reported bug: accent #ffffff gave white prices and white buttons on white."""
    p = theme.palette("#ffffff", "#ffffff")
    assert theme.contrast(p.on_accent, p.accent) >= 4.5 and theme.contrast(p.accent_text, "#ffffff") >= 4.5
    assert theme.contrast(p.on_primary, p.primary) >= 4.5 and theme.contrast(p.primary_text, "#ffffff") >= 4.5
    assert theme.unreadable(p) == []
    # a mid red reads neither under white nor under dark text: the fill itself darkens
    red = theme.palette(theme.DEFAULT_PRIMARY, "#e63946")
    assert red.accent != "#e63946" and theme.contrast(red.on_accent, red.accent) >= 4.5


def test_bad_colours_fall_back_to_the_default_and_are_refused_by_the_check():
    assert theme.palette("red", "#12345").accent == theme.DEFAULT_ACCENT
    assert not theme.valid_hex("#12345g") and theme.valid_hex("#A1b2C3")
    with pytest.raises(ValueError):
        theme.luminance("white")


def test_stylesheets_draw_brand_text_only_through_the_checked_variables():
    """The backgrounds theme.py checks are those the stylesheets declare, and no theme puts a fixed
    white on the brand accent again (it must use --on-accent)."""
    for name in ("base", "dolphin", "wombat"):
        css = (STATIC / ("base.css" if name == "base" else f"themes/{name}.css")).read_text(encoding="utf-8")
        for bg in re.findall(r"--(?:bg|surface):\s*(#[0-9a-fA-F]{3,6})", css):
            bg = bg if len(bg) == 7 else "#" + "".join(c * 2 for c in bg[1:])
            assert bg.lower() in theme.THEME_BACKGROUNDS[name], (name, bg)
        for rule in re.findall(r"\{[^}]*background:\s*var\(--accent\)[^}]*\}", css):
            colour = re.search(r"(?<![-\w])color:\s*([^;}]+)", rule)
            assert colour is None or colour.group(1).strip() == "var(--on-accent)", (name, rule)
        assert not re.search(r"(?<![-\w])color:\s*var\(--accent\)", css), name  # text in accent: --accent-text
