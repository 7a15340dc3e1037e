"""Who owns which share of a stock row that used to have no owner (docs/marketplace.md, "Stock per owner").

Before stock had an owner, one row per warehouse × SKU served every merchant listing that SKU. When
owners arrive, such a row is split among those merchants deterministically: the merchants in id
order, the free units (on hand − allocated) shared equally, the first merchant keeping the remainder
and the units already allocated (the existing holds stay on its row). The first keeps the account-book
item number; the k-th (k ≥ 2) gets ``<number>-<k>`` until customs assigns its own item.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Share:
    owner: int
    on_hand: int
    item_record_no: str


def split_stock(on_hand: int, allocated: int, item_record_no: str, owners: list[int]) -> list[Share]:
    """Shares of one ownerless stock row among ``owners`` (merchant ids); they sum to ``on_hand`` and
    the first is never below ``allocated``."""
    if not owners:
        raise ValueError("a stock row needs at least one owner")
    if allocated > on_hand or allocated < 0:
        raise ValueError("allocated must be between 0 and on hand")
    ordered = sorted(set(owners))
    each = (on_hand - allocated) // len(ordered)
    shares = [Share(ordered[0], on_hand - each * (len(ordered) - 1), item_record_no)]
    for k, owner in enumerate(ordered[1:], start=2):
        shares.append(Share(owner, each, f"{item_record_no}-{k}"[:30] if item_record_no else ""))
    return shares
