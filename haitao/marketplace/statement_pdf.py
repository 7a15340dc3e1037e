"""The settlement statement as PDF (reportlab), A4 landscape, Chinese and English side by side.

Chinese needs a font that has it. The first TrueType CJK font found (``HAITAO_PDF_FONT``, then the
Debian packages fonts-wqy-microhei and fonts-arphic-uming) is embedded as a subset, so the PDF shows
the same on every reader. Without one, reportlab's built-in Adobe CID font STSong-Light is used:
every PDF reader that supports the Adobe-GB1 character collection (Acrobat, pdf.js, poppler with
poppler-data) renders it, but it is not embedded. ``font_name()`` says which one a run used.
"""

from __future__ import annotations

import io
import os
from functools import cache
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from .models import Settlement
from .statement import LINE_COLUMNS, SUBTOTAL_COLUMNS, build

CANDIDATES = ["/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
              "/usr/share/fonts/truetype/arphic/uming.ttc"]


@cache
def font_name() -> str:
    """Register and name the font the statements use (embedded TrueType if any, else STSong-Light)."""
    for path in [os.environ.get("HAITAO_PDF_FONT", ""), *CANDIDATES]:
        if path and Path(path).is_file():
            try:
                pdfmetrics.registerFont(TTFont("HaitaoCJK", path, subfontIndex=0))
                return "HaitaoCJK"
            except Exception:  # noqa: BLE001,S112  (a font reportlab cannot read: try the next one)
                continue
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    return "STSong-Light"


def _table(rows, widths, font, *, header=True, right_from=None):
    table = Table(rows, colWidths=widths, repeatRows=1 if header else 0, hAlign="LEFT")
    style = [("FONT", (0, 0), (-1, -1), font, 7.5), ("GRID", (0, 0), (-1, -1), 0.3, colors.grey),
             ("VALIGN", (0, 0), (-1, -1), "TOP")]
    if header:
        style.append(("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e2e8f0")))
    if right_from is not None:
        style.append(("ALIGN", (right_from, 1 if header else 0), (-1, -1), "RIGHT"))
    table.setStyle(TableStyle(style))
    return table


def to_pdf(settlement: Settlement) -> bytes:
    st = build(settlement)
    font = font_name()
    title = ParagraphStyle("title", fontName=font, fontSize=14, leading=18)
    text = ParagraphStyle("text", fontName=font, fontSize=8, leading=11)
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=landscape(A4), leftMargin=12 * mm, rightMargin=12 * mm,
                            topMargin=12 * mm, bottomMargin=12 * mm, title=f"Settlement statement {st.number}",
                            author=settlement.merchant.name, subject=f"period {settlement.period}")
    width = doc.width
    story = [Paragraph(escape(f"商家结算单 Merchant settlement statement — {st.number}"), title), Spacer(1, 4 * mm),
             _table([[Paragraph(escape(label), text), Paragraph(escape(value), text)] for label, value in st.header],
                    [width * 0.25, width * 0.75], font, header=False),
             Spacer(1, 4 * mm), Paragraph("明细 Lines (CNY; refunds and returns negative)", text), Spacer(1, 1 * mm)]
    shares = [0.07, 0.07, 0.12, 0.125, 0.06, 0.07, 0.09, 0.045, 0.08, 0.08, 0.07, 0.105]
    small = ParagraphStyle("small", fontName=font, fontSize=6.5, leading=8)
    rows = [[*row[:3], Paragraph(escape(row[3]), small), *row[4:]] for row in st.lines]  # long refund ids wrap
    story.append(_table([LINE_COLUMNS, *rows] if rows else [LINE_COLUMNS, ["—"] + [""] * 11],
                        [width * x for x in shares], font, right_from=7))
    story += [Spacer(1, 4 * mm), Paragraph("按品牌与类目的佣金 Commission by brand and category", text),
              Spacer(1, 1 * mm),
              _table([SUBTOTAL_COLUMNS, *st.subtotals] if st.subtotals else [SUBTOTAL_COLUMNS, ["—", "", "", "", ""]],
                     [width * x for x in (0.15, 0.15, 0.15, 0.15, 0.15)], font, right_from=2),
              Spacer(1, 4 * mm),
              _table([list(row) for row in st.totals], [width * 0.3, width * 0.2], font, header=False, right_from=1),
              Spacer(1, 3 * mm), Paragraph(escape(f"{st.tax_note[0]}: {st.tax_note[1]}"), text), Spacer(1, 3 * mm),
              Paragraph("舍入 Rounding: 佣金逐行四舍五入到分后求和；应付净额以人民币合计后按记录汇率一次折算，"
                        "四舍五入到结算币种最小单位。Commission is rounded half-up to the fen per line and summed; "
                        "the net payable is summed in CNY and converted once at the recorded rate, half-up to the "
                        "currency's minor unit.", text)]
    doc.build(story)
    return buffer.getvalue()
