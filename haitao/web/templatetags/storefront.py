"""Template helpers: CNY money (Babel), per-language model fields, SVG product art, theme sheet."""

from decimal import Decimal, InvalidOperation
from functools import lru_cache
from urllib.parse import urlencode

from babel import Locale
from babel.numbers import format_currency
from django import template
from django.contrib.staticfiles import finders
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from haitao.brands.models import Merchant
from haitao.brands.theme import DEFAULT_THEME, palette

register = template.Library()


@register.filter
def money(value) -> str:
    """`¥1,255.20` — the yuan sign and grouping the same in both languages."""
    if value is None or value == "":
        return ""
    try:
        amount = Decimal(str(value))
    except InvalidOperation:
        return str(value)
    return format_currency(amount, "CNY", locale="zh_Hans_CN")


@register.filter
def tr(obj, field: str) -> str:
    """`{{ brand|tr:"name" }}`: `name_en` on English pages (when filled), else the Chinese `name`."""
    if obj is None:
        return ""
    if (get_language() or "").startswith("en"):
        english = getattr(obj, f"{field}_en", "")
        if english:
            return english
    return getattr(obj, field, "")


@lru_cache(maxsize=4)
def _babel_locale(english: bool) -> Locale:
    return Locale.parse("en" if english else "zh_Hans_CN")


def _english() -> bool:
    return (get_language() or "").startswith("en")


@register.filter
def country_name(code) -> str:
    """`JP` → 日本 / Japan in the page language (Babel's CLDR names); an unknown code as it is."""
    code = (code or "").upper()
    return _babel_locale(_english()).territories.get(code, code)


@register.filter
def seller_name(merchant) -> str:
    """Self-operated stock is sold by the platform: say so in the page language, not its legal name."""
    if merchant is None:
        return ""
    if merchant.kind == Merchant.Kind.SELF_OPERATED:
        return _("Self-operated")
    return merchant.name


@register.filter
def goods_brand(sku) -> str:
    """`Aptamil 爱他美`; a brand whose Chinese name is its name (`SK-II`) once."""
    names = [sku.brand_name or "", getattr(sku, "brand_name_zh", "") or ""]
    if names[1].strip().casefold() in ("", names[0].strip().casefold()):
        return names[0]
    return " ".join(names) if names[0] else names[1]


@register.filter
def sku_title(sku) -> str:
    return sku.title_for("en" if (get_language() or "").startswith("en") else "zh-hans")


@register.simple_tag(takes_context=True)
def lang_url(context, code: str) -> str:
    """The current page with `?lang=code` added (other query parameters kept)."""
    request = context["request"]
    query = request.GET.copy()
    query["lang"] = code
    return f"{request.path}?{query.urlencode()}"


@register.simple_tag
def theme_css(brand) -> str:
    name = getattr(brand, "theme", "") or DEFAULT_THEME
    if not finders.find(f"web/themes/{name}.css"):
        name = DEFAULT_THEME
    return static(f"web/themes/{name}.css")


@register.simple_tag
def brand_palette(brand) -> str:
    """The brand's colours as CSS variables, each text/background pair at WCAG contrast >= 4.5."""
    return palette(brand.primary_color, brand.accent_color, getattr(brand, "theme", "") or DEFAULT_THEME).css()


@register.simple_tag
def url_with(path: str, **params) -> str:
    return f"{path}?{urlencode(params)}"


@register.simple_tag
def product_art(sku, brand=None, size: int = 240):
    """An inline SVG placeholder: the SKU's hue, its category's initial and the goods' brand name."""
    hue = int(getattr(sku, "image_hue", 0) or 0) % 360
    category = sku.category
    initial = (tr(category, "name") or "?")[:1].upper()
    label = (sku.brand_name or "")[:18]
    return format_html(
        '<svg class="art" viewBox="0 0 240 240" width="{size}" height="{size}" role="img" aria-label="{label}" '
        'xmlns="http://www.w3.org/2000/svg">'
        '<defs><linearGradient id="g{sid}" x1="0" y1="0" x2="1" y2="1">'
        '<stop offset="0" stop-color="hsl({hue},70%,88%)"/><stop offset="1" stop-color="hsl({hue2},60%,72%)"/>'
        '</linearGradient></defs>'
        '<rect width="240" height="240" fill="url(#g{sid})"/>'
        '<circle cx="186" cy="52" r="70" fill="hsl({hue},60%,95%)" opacity=".45"/>'
        '<rect x="78" y="58" width="84" height="120" rx="14" fill="hsl({hue},45%,40%)" opacity=".88"/>'
        '<rect x="90" y="42" width="60" height="22" rx="6" fill="hsl({hue},35%,28%)"/>'
        '<text x="120" y="132" text-anchor="middle" font-size="46" font-family="sans-serif" '
        'font-weight="700" fill="#fff">{initial}</text>'
        '<text x="120" y="214" text-anchor="middle" font-size="17" font-family="sans-serif" '
        'font-weight="600" fill="hsl({hue},40%,22%)" letter-spacing="1">{label}</text>'
        '</svg>',
        size=size, sid=sku.pk, hue=hue, hue2=(hue + 40) % 360, initial=initial, label=label)
