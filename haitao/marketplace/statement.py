"""A settlement statement as an accountant reads it: both parties, the period, the exchange rate and
where it came from, every line, the subtotals per brand and category, and totals that reconcile
(the lines add up to them; net payable = net sales − commission). CSV here; PDF in statement_pdf.

The merchant's bank account appears masked only; buyers do not appear at all (order numbers only).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings

from haitao.brands.models import DomesticAgent, MerchantBankAccount
from haitao.customs.formats import CHINA_TZ
from haitao.rules import settlement as rules

from .models import Settlement


@dataclass(frozen=True)
class Statement:
    number: str
    header: list[tuple[str, str]]  # (label, value), both languages in the label
    lines: list[list[str]]
    subtotals: list[list[str]]  # brand, category, rate(s), goods, commission
    totals: list[tuple[str, str]]
    tax_note: tuple[str, str]


LINE_COLUMNS = ["日期 Date", "类型 Kind", "订单 Order", "凭证 Reference", "品牌 Brand", "类目 Category", "SKU",
                "数量 Qty", "货值 Goods CNY", "代收税 Tax CNY", "佣金率 Rate", "佣金 Commission CNY"]
SUBTOTAL_COLUMNS = ["品牌 Brand", "类目 Category", "佣金率 Rate", "货值 Goods CNY", "佣金 Commission CNY"]
KIND_LABELS = {"sale": "销售 sale", "refund": "退款 refund", "return": "退货 return"}


def _money(value: Decimal) -> str:
    return f"{value:,.2f}"


def build(settlement: Settlement) -> Statement:
    s = settlement
    merchant = s.merchant
    agent = DomesticAgent.objects.defer("contact_phone").filter(pk=merchant.agent_id).first()
    bank = MerchantBankAccount.objects.defer("account_number").filter(merchant=merchant).first()
    first, after = rules.month_bounds(s.period)
    rows = list(s.lines.select_related("brand", "category").order_by("occurred_at", "id"))
    rate = ("1 CNY = 1 CNY" if s.currency == "CNY"
            else f"1 {s.currency} = {s.cny_per_unit.normalize():f} CNY ({s.rate_date:%Y-%m-%d}, {s.rate_source})")
    header = [
        ("结算单号 Statement no.", f"ST-{merchant.code}-{s.period}"),
        ("付款方 Payer (platform)", f"{settings.PLATFORM['ebp_name']} ({settings.PLATFORM['ebp_code']})"),
        ("收款方 Payee (seller of record)",
         f"{merchant.legal_name or merchant.ebc_name} / {merchant.name} ({merchant.country}), "
         f"海关编码 customs code {merchant.ebc_code}"),
        ("境内代理人 Domestic agent", f"{agent.name} (USCC {agent.uscc})" if agent else "—"),
        ("收款账户 Bank account", f"{bank.bank_name} {bank.swift} {bank.account_masked}" if bank else "—"),
        ("结算期间 Period", f"{s.period} ({first:%Y-%m-%d} – {after:%Y-%m-%d}, Asia/Shanghai)"),
        ("结算币种 Currency", s.currency),
        ("汇率 Exchange rate", rate),
        ("状态 Status", f"{s.status}; computed {s.computed_at:%Y-%m-%d %H:%M} UTC by {s.computed_by}"
         + (f"; closed {s.closed_at:%Y-%m-%d %H:%M} UTC by {s.closed_by}" if s.closed_at else "")),
    ]
    lines = [[f"{x.occurred_at.astimezone(CHINA_TZ):%Y-%m-%d}", KIND_LABELS.get(x.kind, x.kind), x.order_number,
              x.reference, x.brand.code, x.category.slug if x.category else "", x.sku_code, str(x.quantity),
              _money(x.goods), _money(x.tax), f"{x.commission_rate:.2%}", _money(x.commission)] for x in rows]
    groups: dict[tuple[str, str], list] = {}
    for x in rows:
        groups.setdefault((x.brand.code, x.category.slug if x.category else ""), []).append(x)
    subtotals = [[brand, category, ", ".join(sorted({f"{x.commission_rate:.2%}" for x in group})),
                  _money(sum((x.goods for x in group), Decimal("0"))),
                  _money(sum((x.commission for x in group), Decimal("0")))]
                 for (brand, category), group in sorted(groups.items())]
    totals = [
        ("销售额 Sales", _money(s.sales)), ("退款 Refunds", _money(s.refunds)), ("退货 Returns", _money(s.returns)),
        ("净销售额 Net sales", _money(s.net_sales)), ("佣金 Commission", _money(-s.commission)),
        ("应付净额 Net payable (CNY)", _money(s.net_payable_cny)),
        (f"应付净额 Net payable ({s.currency})", f"{s.net_payable:,.{2 if rules.minor_unit(s.currency) < 1 else 0}f}"),
    ]
    tax_note = ("代收代缴税款 Tax collected for customs (CNY)",
                f"{_money(s.tax_collected)} — 由平台代缴海关，不支付给商家 / paid to customs on the merchant's "
                f"behalf, not payable to the merchant")
    return Statement(f"ST-{merchant.code}-{s.period}", header, lines, subtotals, totals, tax_note)


def to_csv(settlement: Settlement) -> bytes:
    """UTF-8 with a byte-order mark (spreadsheets then read the Chinese right), one table after another."""
    st = build(settlement)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerows([list(row) for row in st.header])
    writer.writerow([])
    writer.writerow(LINE_COLUMNS)
    writer.writerows(st.lines)
    writer.writerow([])
    writer.writerow(SUBTOTAL_COLUMNS)
    writer.writerows(st.subtotals)
    writer.writerow([])
    writer.writerows([list(row) for row in st.totals])
    writer.writerow(list(st.tax_note))
    return out.getvalue().encode("utf-8-sig")
