"""The storefront search page's controls: the sort menu and facet links, read from and written to
the query string (so every state of the page is a plain, shareable URL)."""

from urllib.parse import urlencode

from django.utils.translation import gettext_lazy as _

from haitao.catalog.search.ranking import FACETS, SORTS, check_filters, price_band_bounds
from haitao.common.errors import InvalidInput

from .templatetags.storefront import country_name, money, tr

SORT_LABELS = {"relevance": _("Best match"), "price_asc": _("Price: low to high"),
               "price_desc": _("Price: high to low"), "newest": _("Newest"), "sales": _("Best selling")}
FACET_LABELS = {"brand": _("Brand"), "category": _("Category"), "origin": _("Origin"), "mode": _("Ships as"),
                "price": _("Price")}
MODE_LABELS = {"1210": _("Bonded"), "9610": _("Direct mail")}


def search_page(request, brand, q: str) -> dict:
    """q, sort and filters of the request; unknown values are ignored (a hand-edited URL is no error)."""
    sort = request.GET.get("sort", "relevance")
    sort = sort if sort in SORTS else "relevance"
    chosen = {name: request.GET.get(name, "")[:80] for name in FACETS}
    try:
        filters = check_filters(**chosen)
    except InvalidInput:
        chosen = {name: "" for name in FACETS}
        filters = check_filters()
    return {"q": q, "sort": sort, "filters": filters, "chosen": chosen, "filtered": any(chosen.values()),
            "sorts": [(key, SORT_LABELS[key]) for key in SORTS], "cards": [], "result": None, "facets": []}


def _label(name: str, value, categories: dict) -> str:
    if name == "mode":
        return str(MODE_LABELS.get(value, value))
    if name == "category":
        return categories.get(value, value)
    if name == "origin":
        return country_name(value)
    if name == "price":
        low, high = price_band_bounds(int(value))
        return f"{money(low)}+" if high is None else f"{money(low or 0)} – {money(high)}"
    return str(value)


def facet_links(request, facets: dict) -> list[dict]:
    """[{name, label, values: [{label, count, url, chosen}]}] — a value's link toggles that filter."""
    from haitao.catalog.models import Category

    categories = {c.slug: tr(c, "name") for c in Category.objects.all()}
    out = []
    for name in FACETS:
        values = []
        for item in facets.get(name, []):
            params = request.GET.copy()
            chosen = params.get(name) == str(item["value"])
            if chosen:
                params.pop(name)
            else:
                params[name] = item["value"]
            values.append({"label": _label(name, item["value"], categories), "count": item["count"],
                           "url": "?" + urlencode(sorted(params.items())), "chosen": chosen})
        if values:
            out.append({"name": name, "label": FACET_LABELS[name], "values": values})
    return out
