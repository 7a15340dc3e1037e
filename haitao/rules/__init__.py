"""The CBEC retail-import rules as plain Python: money, tax, limits, quota, identity, positive list.

Pure domain (no Django, no I/O), so every rule is testable on its own and every adapter — checkout,
the REST API, the CLI — computes the same figures. The authority is docs/rules.md.
"""

from haitao.rules.apportion import apportion
from haitao.rules.cosmetics import (
    CT_HIGH_END_COSMETICS,
    ConsumptionTaxBasis,
    SkuTaxFacts,
    UnsupportedConsumptionTax,
    cbec_sellable_basis,
    consumption_tax_rate_for,
    is_high_end_cosmetic,
)
from haitao.rules.identity import (
    InvalidIdNumber,
    InvalidRealName,
    mask_id,
    mask_name,
    mask_phone,
    payer_matches_orderer,
    validate_real_name,
    validate_resident_id,
)
from haitao.rules.limits import DEFAULT_LIMITS, LimitPeriod, LimitSchedule, NoLimitPeriod
from haitao.rules.money import ZERO, parse_money, to_fen
from haitao.rules.positive_list import PositiveList, PositiveListEntry, Verdict, parse_csv_text
from haitao.rules.quota import (
    EntryEvent,
    EntryState,
    IllegalTransition,
    QuotaEntry,
    check_annual,
    quota_key,
    quota_year,
    transition,
    used,
)
from haitao.rules.regime import CBEC, GENERAL_TRADE, LimitExceeded
from haitao.rules.tax import (
    LineInput,
    LineTax,
    OrderInput,
    Quote,
    TaxAmounts,
    cbec_line_tax,
    general_trade_line_tax,
    quote,
)
from haitao.rules.validation import InvalidInput

__all__ = [
    "CBEC", "CT_HIGH_END_COSMETICS", "DEFAULT_LIMITS", "GENERAL_TRADE", "ZERO",
    "ConsumptionTaxBasis", "EntryEvent", "EntryState", "IllegalTransition", "InvalidIdNumber",
    "InvalidInput", "InvalidRealName", "LimitExceeded", "LimitPeriod", "LimitSchedule", "LineInput",
    "LineTax", "NoLimitPeriod", "OrderInput", "PositiveList", "PositiveListEntry", "QuotaEntry",
    "Quote", "SkuTaxFacts", "TaxAmounts", "UnsupportedConsumptionTax", "Verdict",
    "apportion", "cbec_line_tax", "cbec_sellable_basis", "check_annual", "consumption_tax_rate_for",
    "general_trade_line_tax", "is_high_end_cosmetic", "mask_id", "mask_name", "mask_phone",
    "parse_csv_text", "parse_money", "payer_matches_orderer", "quota_key", "quota_year", "quote",
    "to_fen", "transition", "used", "validate_real_name", "validate_resident_id",
]
