"""A log filter that masks personal data, so an ID number or phone never reaches a log line."""

import logging
import re

# A separator people (and query strings) put inside a number: a space, dash or dot, a '+' or '%20'
# (a space in a query string).
_SEP = r"(?:[\s\-.]|%20|\+)?"
# 18-character resident ID numbers, plain or grouped 6-8-4, wherever they appear in a message — but
# not inside a longer code: an order number (HT + 18 digits) or waybill (HTX…) stays readable.
_ID_NUMBER = re.compile(rf"(?<![0-9A-Za-z])(\d{{4}})\d{{2}}{_SEP}\d{{8}}{_SEP}(\d{{3}}[0-9Xx])(?![0-9A-Za-z])")
# Mainland mobile numbers, plain or grouped 3-4-4, with or without +86 / 0086 / 86 (or %2B86 in a URL).
_MOBILE = re.compile(rf"(?<![0-9])((?:(?:\+|%2[Bb]|00)?86{_SEP})?1[3-9]\d){_SEP}\d{{4}}{_SEP}(\d{{4}})(?![0-9])")


def mask_text(text: str) -> str:
    text = _ID_NUMBER.sub(r"\1**********\2", text)
    return _MOBILE.sub(r"\1****\2", text)


class MaskPersonalData(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        masked = mask_text(message)
        if masked != message:
            record.msg, record.args = masked, None
        return True
