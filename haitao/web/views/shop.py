"""Browsing: the landing page, each brand's home, categories, search and product pages."""

from django.http import Http404
from django.shortcuts import get_object_or_404, redirect

from haitao.brands.models import Brand
from haitao.catalog.models import Category, Listing
from haitao.catalog.queries import clean_query, search_listings
from haitao.rules.regime import GENERAL_TRADE

from ..presenters import availability, estimated_tax, unit_quote
from ..search_page import facet_links, search_page
from ..storefront import localised, render_page, storefront

MAX_RESULTS = 60


def _listings(brand):
    return Listing.objects.visible().for_brand(brand).select_related("brand")


def _shown_price(listing):
    """Tax-inclusive brands show the price with the estimated tax; the others the goods price."""
    if listing.brand.price_display != Brand.PriceDisplay.TAX_INCLUSIVE:
        return listing.price, False
    tax = estimated_tax(listing)
    return (listing.price + tax, True) if tax is not None else (listing.price, False)


def _cards(listings) -> list[dict]:
    listings = list(listings)
    stock = availability({listing.sku_id for listing in listings})
    cards = []
    for listing in listings:
        price, with_tax = _shown_price(listing)
        cards.append({"listing": listing, "sku": listing.sku, "stock": stock[listing.sku_id], "price": price,
                      "with_tax": with_tax})
    return cards


@localised()
def landing(request):
    brands = list(Brand.objects.filter(active=True))
    host = request.get_host().split(":")[0]
    for brand in brands:
        if brand.host and brand.host == host:
            return redirect("web:home", brand_code=brand.code)
    return render_page(request, "web/landing.html", {"brands": brands})


@storefront
def home(request, brand):
    listings = _listings(brand)
    featured = listings.filter(featured=True)[:12] or listings[:12]
    categories = Category.objects.filter(skus__listings__brand=brand, skus__listings__visible=True).distinct()
    return render_page(request, "web/home.html", {"cards": _cards(featured), "categories": categories}, brand)


@storefront
def category(request, brand, slug):
    cat = get_object_or_404(Category, slug=slug)
    cards = _cards(_listings(brand).filter(sku__category=cat)[:MAX_RESULTS])
    return render_page(request, "web/category.html", {"category": cat, "cards": cards}, brand)




@storefront
def search(request, brand):
    q = clean_query(request.GET.get("q", ""))[:100]
    context = search_page(request, brand, q)
    if q or context["filtered"]:
        listings, result = search_listings(brand, q, sort=context["sort"], filters=context["filters"],
                                           limit=MAX_RESULTS, facets=True)
        context.update(cards=_cards(listings), result=result, facets=facet_links(request, result.facets))
    return render_page(request, "web/search.html", context, brand)


@storefront
def product(request, brand, sku_code):
    listing = _listings(brand).filter(sku__code=sku_code).first()
    if listing is None:
        raise Http404("not sold in this brand")
    quote = unit_quote(listing)
    tax = quote.tax_total if quote is not None else None
    context = {"listing": listing, "sku": listing.sku, "stock": availability([listing.sku_id])[listing.sku_id],
               "tax": tax, "price_with_tax": listing.price + tax if tax is not None else None,
               "general_trade": quote is not None and quote.regime == GENERAL_TRADE,
               "tax_inclusive": brand.price_display == Brand.PriceDisplay.TAX_INCLUSIVE}
    return render_page(request, "web/product.html", context, brand)
