"""A brand's storefront colours, made readable: WCAG 2.1 contrast, checked in code.

The storefront draws text and buttons in two brand colours: ``primary`` (header background behind
white text, links on light backgrounds) and ``accent`` (prices on light backgrounds, Add-to-cart and
search buttons behind white text). WCAG 2.1 (success criterion 1.4.3, AA) asks a contrast ratio of at
least 4.5 for normal text. An operator may pick any colour; the storefront renders the nearest darker
shade that reaches 4.5 against white and every theme's light backgrounds, so no brand can come up
white on white. Pure functions: no Django.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MIN_CONTRAST = 4.5  # WCAG 2.1 AA, normal text
WHITE = "#ffffff"
DARK = "#1d2129"  # the storefront's body text colour (--text)
DEFAULT_THEME = "dolphin"
# A readable default (navy and burnt orange): both reach 4.5 against white and the theme backgrounds
# without adjustment, so a brand nobody styled yet still looks like its colours were chosen.
DEFAULT_PRIMARY = "#1f3a5f"
DEFAULT_ACCENT = "#c2410c"
# The light backgrounds each stylesheet draws text on (--surface, --bg in haitao/web/static/web/).
THEME_BACKGROUNDS = {
    "base": ("#ffffff", "#f5f6f8"),
    "dolphin": ("#ffffff", "#f2f3f5"),
    "wombat": ("#ffffff", "#f6f8f3"),
}
_HEX = re.compile(r"^#[0-9a-fA-F]{6}$")


def valid_hex(colour: str) -> bool:
    return bool(_HEX.match(colour or ""))


def _rgb(colour: str) -> tuple[int, int, int]:
    if not valid_hex(colour):
        raise ValueError(f"{colour!r} is not a colour written #rrggbb")
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def luminance(colour: str) -> float:
    """WCAG relative luminance of an sRGB colour."""

    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in _rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio, 1 (same) to 21 (black on white)."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def _darker(colour: str, step: int) -> str:
    """``colour`` mixed with black, ``step`` percent of the way."""
    return "#" + "".join(f"{round(v * (100 - step) / 100):02x}" for v in _rgb(colour))


def readable(colour: str, backgrounds: tuple[str, ...]) -> str:
    """``colour`` itself when it reaches 4.5 against every background, else its nearest darker shade
    that does (black always does against these light backgrounds)."""
    for step in range(0, 101):
        shade = _darker(colour, step)
        if all(contrast(shade, bg) >= MIN_CONTRAST for bg in backgrounds):
            return shade
    return "#000000"


def backgrounds_for(theme: str) -> tuple[str, ...]:
    return tuple(sorted(set(THEME_BACKGROUNDS["base"]) | set(THEME_BACKGROUNDS.get(theme, ()))))


@dataclass(frozen=True)
class Palette:
    """The colours the storefront renders for a brand (CSS variables set in web/base.html).

    ``primary``/``accent`` fill the header and the buttons, with ``on_primary``/``on_accent`` text on
    them; ``primary_text``/``accent_text`` are links and prices drawn on the light backgrounds."""

    primary: str
    on_primary: str
    primary_text: str
    accent: str
    on_accent: str
    accent_text: str

    def css(self) -> str:
        return (f"--primary: {self.primary}; --on-primary: {self.on_primary}; --primary-text: {self.primary_text}; "
                f"--accent: {self.accent}; --on-accent: {self.on_accent}; --accent-text: {self.accent_text};")


def _fill(colour: str) -> tuple[str, str]:
    """(fill, text on it): white text when it reads, else dark text (a light orange keeps its look),
    else the nearest darker shade under white text."""
    if contrast(WHITE, colour) >= MIN_CONTRAST:
        return colour, WHITE
    if contrast(DARK, colour) >= MIN_CONTRAST:
        return colour, DARK
    return readable(colour, (WHITE,)), WHITE


def palette(primary: str, accent: str, theme: str = DEFAULT_THEME) -> Palette:
    """Readable colours for a brand; a colour that is not #rrggbb falls back to the default theme's."""
    primary = (primary if valid_hex(primary) else DEFAULT_PRIMARY).lower()
    accent = (accent if valid_hex(accent) else DEFAULT_ACCENT).lower()
    bgs = backgrounds_for(theme)
    fill_p, on_p = _fill(primary)
    fill_a, on_a = _fill(accent)
    return Palette(primary=fill_p, on_primary=on_p, primary_text=readable(primary, bgs),
                   accent=fill_a, on_accent=on_a, accent_text=readable(accent, bgs))


def contrast_pairs(p: Palette, theme: str = DEFAULT_THEME) -> list[tuple[str, str, str, float]]:
    """(where, text colour, background, ratio) for every text-on-colour pair the storefront draws."""
    pairs = [("header text", p.on_primary, p.primary), ("button text", p.on_accent, p.accent)]
    for bg in backgrounds_for(theme):
        pairs += [(f"links on {bg}", p.primary_text, bg), (f"prices on {bg}", p.accent_text, bg)]
    return [(where, fg, bg, round(contrast(fg, bg), 2)) for where, fg, bg in pairs]


def unreadable(p: Palette, theme: str = DEFAULT_THEME) -> list[tuple[str, str, str, float]]:
    """The pairs below WCAG AA (4.5); empty when the palette is readable."""
    return [pair for pair in contrast_pairs(p, theme) if pair[3] < MIN_CONTRAST]
