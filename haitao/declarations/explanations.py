"""What a customs refusal means for the buyer, by spec error code [Spec §7] (zh, en).

Operators see the raw ``returnInfo`` and code; the buyer sees one of these sentences, always
followed by what haitao did about it (refund, quota and stock given back).
"""

AFTERWARDS = ("货款已全额原路退回，本单占用的跨境年度额度已释放。",
              "Your payment has been refunded in full and the annual cross-border quota this order used is released.")

REASONS: dict[str, tuple[str, str]] = {
    "-621005": ("订单金额超过跨境电商单笔交易限值，海关未予放行（可分成多笔订单购买）。",
                "Customs refused the order: it exceeds the single-transaction limit (you may split it into several orders)."),
    "-621018": ("您本年度的跨境电商个人额度不足，海关未予放行。",
                "Customs refused the order: it would exceed your annual cross-border purchase limit."),
    "-621013": ("海关暂时无法核验您的年度额度，未予放行。",
                "Customs could not check your annual quota and did not release the order."),
    "-621001": ("订单、支付与物流信息核对未通过，海关未予放行。",
                "Customs refused the order: the order, payment and waybill records did not match."),
    "-621002": ("订单、支付与物流信息核对未通过，海关未予放行。",
                "Customs refused the order: the order, payment and waybill records did not match."),
    "-621029": ("申报签名校验失败，海关未予放行。",
                "Customs refused the declaration: its signature could not be verified."),
    "-301010": ("订单重复申报，海关未予受理。", "Customs refused a duplicate declaration of this order."),
    "-401007": ("支付单重复申报，海关未予受理。", "Customs refused a duplicate payment record of this order."),
    "-504015": ("运单重复申报，海关未予受理。", "Customs refused a duplicate waybill of this order."),
}

GENERIC = ("海关未通过本订单的进口申报（{code}）。", "Customs did not clear this order ({code}).")


def explain(code: str) -> tuple[str, str]:
    """(zh, en) buyer-facing explanation of a refusal with spec code ``code``."""
    zh, en = REASONS.get(code) or (GENERIC[0].format(code=code or "—"), GENERIC[1].format(code=code or "—"))
    return f"{zh}{AFTERWARDS[0]}", f"{en} {AFTERWARDS[1]}"


# Refusals of a cancellation (CEB624) or a return (CEB626): nothing was refunded, so no AFTERWARDS.
REQUEST_REASONS: dict[str, tuple[str, str]] = {
    "-623005": ("海关已放行本单，无法撤单；如需退回商品，请在放行后30天内申请退货。",
                "Customs has already released this order, so it can no longer be cancelled; to send the goods "
                "back, request a return within 30 days of release."),
    "-623009": ("本单已提交过撤单申请。", "A cancellation of this order was already sent to customs."),
    "-625004": ("海关未受理退货：须在海关放行后30天内申请。",
                "Customs refused the return: it must be requested within 30 days of customs release."),
    "-625001": ("海关未受理退货：退货数量超过申报数量。",
                "Customs refused the return: a quantity is larger than the one declared."),
    "-625033": ("本单已提交过退货申请，海关不再受理。", "A return of this order was already declared to customs."),
}
REQUEST_GENERIC = ("海关未受理本次申请（{code}）。", "Customs refused this request ({code}).")


def explain_request(code: str) -> tuple[str, str]:
    """(zh, en) buyer-facing explanation of a refused cancellation or return."""
    return REQUEST_REASONS.get(code) or (REQUEST_GENERIC[0].format(code=code or "—"),
                                         REQUEST_GENERIC[1].format(code=code or "—"))
