"""Load the demo's reference data and catalog: brands, merchants, categories, warehouses, SKUs,
listings, stock and the positive-list subset.

Every row has a natural key (brand code, merchant code, category slug, warehouse code, SKU code,
brand + SKU, warehouse + SKU, 8-digit code). A row whose key exists is left exactly as it is — the
demo never overwrites what an operator changed, and never resets stock that orders have used — so
loading twice changes nothing.

The CSV files in `data/` are the catalog; their columns are the model fields:
- `catalog.csv`: one SKU per row (`category` is the category slug).
- `listings.csv`: brand, sku, merchant, price, compare_at_price, visible, featured, per_buyer_limit.
- `stock.csv`: warehouse, sku, on_hand, item_record_no (bonded stock only). Each row is owned by the
  merchant listing the SKU; where several merchants list it, the row is split among them as the
  stock-owner migration splits old rows (haitao.rules.stock_owners).
- `positive-list-demo.csv`: code8, description, remarks — a small labelled subset for the demo,
  NOT the official CBEC positive list.
"""

import csv
from decimal import Decimal
from importlib import resources

from stdnum import ean

from haitao.brands.models import Brand, Merchant
from haitao.catalog.models import Category, Listing, Sku
from haitao.compliance.models import PositiveListEntry
from haitao.inventory.models import Stock, Warehouse
from haitao.rules import positive_list
from haitao.rules.stock_owners import split_stock

from . import reference

POSITIVE_LIST_SOURCE = "haitao demo subset — NOT the official CBEC positive list"
_DECIMAL_FIELDS = {"net_weight_kg", "gross_weight_kg", "net_content", "vat_rate", "consumption_tax_rate",
                   "tariff_rate", "price", "compare_at_price"}
_INT_FIELDS = {"image_hue", "per_buyer_limit", "on_hand"}
_BOOL_FIELDS = {"visible", "featured"}


def read_text(name: str) -> str:
    return resources.files("haitao.demo").joinpath("data", name).read_text(encoding="utf-8")


def read_rows(name: str) -> list[dict]:
    """The CSV's rows with numbers, decimals and flags typed (a blank number is None)."""
    rows = []
    for row in csv.DictReader(read_text(name).splitlines()):
        typed = {}
        for column, value in row.items():
            value = value.strip()
            if column in _DECIMAL_FIELDS:
                typed[column] = Decimal(value) if value else None
            elif column in _INT_FIELDS:
                typed[column] = int(value) if value else None
            elif column in _BOOL_FIELDS:
                typed[column] = value == "1"
            else:
                typed[column] = value
        rows.append(typed)
    return rows


def create_missing(model, rows: list[dict], key) -> int:
    """Insert the rows whose natural key (`key(row_or_instance)`) is not in the table yet."""
    existing = {key(obj) for obj in model.objects.all()}
    new = [model(**row) for row in rows if key(row) not in existing]
    model.objects.bulk_create(new)
    return len(new)


def load_reference() -> dict:
    return {
        "brands": create_missing(Brand, reference.BRANDS, _by("code")),
        "merchants": create_missing(Merchant, reference.MERCHANTS, _by("code")),
        "categories": create_missing(Category, reference.CATEGORIES, _by("slug")),
        "warehouses": create_missing(Warehouse, reference.WAREHOUSES, _by("code")),
    }


def _by(field):
    return lambda row: row[field] if isinstance(row, dict) else getattr(row, field)


def _check_sku(row: dict) -> None:
    code = row["code"]
    if not (row["gtin"].isdigit() and len(row["gtin"]) == 13 and ean.is_valid(row["gtin"])):
        raise ValueError(f"{code}: GTIN {row['gtin']} is not an EAN-13 with a valid check digit")
    if not (row["hs_code"].isdigit() and len(row["hs_code"]) == 10):
        raise ValueError(f"{code}: HS code {row['hs_code']} is not 10 digits")


def load_skus() -> int:
    categories = {c.slug: c for c in Category.objects.all()}
    rows = read_rows("catalog.csv")
    for row in rows:
        _check_sku(row)
        row["category"] = categories[row["category"]]
    return create_missing(Sku, rows, _by("code"))


def load_listings() -> int:
    brands = {b.code: b for b in Brand.objects.all()}
    merchants = {m.code: m for m in Merchant.objects.all()}
    skus = {s.code: s for s in Sku.objects.all()}
    rows = []
    for row in read_rows("listings.csv"):
        sku = skus[row["sku"]]
        if sku.consumption_tax_basis == Sku.ConsumptionTaxBasis.SPECIFIC:
            raise ValueError(f"{sku.code} carries a specific-rate consumption tax and cannot be listed for CBEC")
        rows.append({**row, "brand": brands[row["brand"]], "sku": sku, "merchant": merchants[row["merchant"]]})
    return create_missing(Listing, rows, lambda r: (_id(r, "brand"), _id(r, "sku")))


def load_stock() -> int:
    warehouses = {w.code: w for w in Warehouse.objects.all()}
    skus = {s.code: s for s in Sku.objects.all()}
    listers: dict[int, set[int]] = {}
    for sku_id, merchant_id in Listing.objects.values_list("sku_id", "merchant_id"):
        listers.setdefault(sku_id, set()).add(merchant_id)
    self_operated = Merchant.objects.filter(kind=Merchant.Kind.SELF_OPERATED).order_by("id").first()
    rows = []
    for row in read_rows("stock.csv"):
        sku = skus[row["sku"]]
        owners = sorted(listers.get(sku.pk) or [self_operated.pk])
        for share in split_stock(row["on_hand"], 0, row["item_record_no"], owners):
            rows.append({**row, "warehouse": warehouses[row["warehouse"]], "sku": sku, "owner_id": share.owner,
                         "on_hand": share.on_hand, "item_record_no": share.item_record_no})
    return create_missing(Stock, rows, lambda r: (_id(r, "owner"), _id(r, "warehouse"), _id(r, "sku")))


def _id(row, field):
    if isinstance(row, dict):
        return row[f"{field}_id"] if f"{field}_id" in row else row[field].pk
    return getattr(row, f"{field}_id")


def load_positive_list() -> int:
    """The demo subset, parsed (and so validated) by the same rules code that checks SKUs against it."""
    text = read_text("positive-list-demo.csv")
    header, _, body = text.partition("\n")
    parsed = positive_list.parse_csv_text(header.replace("code8", "code", 1) + "\n" + body)
    rows = [dict(code8=e.code8, description=e.description, remarks=e.remarks, source=POSITIVE_LIST_SOURCE)
            for e in parsed.entries.values()]
    return create_missing(PositiveListEntry, rows, _by("code8"))
