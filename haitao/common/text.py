"""Text that can travel: no control characters, no unpaired surrogates, no Unicode noncharacters.

Such characters cannot be encoded to UTF-8 (surrogates), are refused by PostgreSQL (NUL) or are not
allowed in XML 1.0 (the rest), so a name or address holding one could be stored but never declared
to customs. They are refused where text enters, naming the field.
"""

import re

from .errors import InvalidInput

# C0 and C1 controls and DEL, UTF-16 surrogates, and the noncharacters U+FDD0–U+FDEF and U+xFFFE/U+xFFFF.
_BAD = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef"
                  + "".join(f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(17))
                  + "]")


def bad_character(text: str) -> str | None:
    """The first character `text` may not hold, or None."""
    match = _BAD.search(text)
    return match.group() if match else None


def check_text(value, field: str):
    """`value` unchanged, or InvalidInput(invalid_characters) naming `field`. Non-strings pass (the
    caller's own type check answers those)."""
    if isinstance(value, str):
        bad = bad_character(value)
        if bad is not None:
            raise InvalidInput("invalid_characters",
                               f"{field} contains a character that is not allowed (U+{ord(bad):04X}).", field=field)
    return value


def find_bad_text(value, path: str = "") -> str | None:
    """The dotted path of the first string (or object key) in a JSON value holding a refused character."""
    if isinstance(value, str):
        return None if bad_character(value) is None else (path or "body")
    if isinstance(value, dict):
        for key, item in value.items():
            here = f"{path}.{key}" if path else str(key)
            if isinstance(key, str) and bad_character(key) is not None:
                return path or "body"
            found = find_bad_text(item, here)
            if found:
                return found
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found = find_bad_text(item, f"{path}[{index}]")
            if found:
                return found
    return None
