"""ISO 3166-1 alpha-2 → customs country code (海关国别(地区)代码, 3 digits) for `country` fields.

Only the codes haitao's sources and warehouses use are listed; an unknown origin is a data error
the operator must fix (the declaration is kept as ``build_failed`` and shown in the admin).
"""

CUSTOMS_COUNTRY = {
    # Asia
    "HK": "110", "IN": "111", "ID": "112", "IL": "115", "JP": "116", "MO": "121", "MY": "122", "PH": "129",
    "SG": "132", "KR": "133", "LK": "134", "TH": "136", "TR": "137", "AE": "138", "VN": "141", "CN": "142",
    "TW": "143",
    # Africa
    "EG": "215", "ZA": "244",
    # Europe
    "BE": "301", "DK": "302", "GB": "303", "DE": "304", "FR": "305", "IE": "306", "IT": "307", "LU": "308",
    "NL": "309", "GR": "310", "PT": "311", "ES": "312", "AT": "315", "BG": "316", "FI": "318", "HU": "321",
    "IS": "322", "MT": "324", "MC": "325", "NO": "326", "PL": "327", "RO": "328", "SE": "330", "CH": "331",
    "EE": "334", "LV": "335", "LT": "336", "RU": "344", "SI": "350", "HR": "351", "CZ": "352", "SK": "353",
    # Latin America
    "AR": "402", "BR": "410", "CL": "412", "MX": "429",
    # North America
    "CA": "501", "US": "502",
    # Oceania
    "AU": "601", "NZ": "609",
}


class UnknownCountry(ValueError):
    pass


def customs_country(iso2: str) -> str:
    try:
        return CUSTOMS_COUNTRY[(iso2 or "").strip().upper()]
    except KeyError:
        raise UnknownCountry(f"no customs country code for {iso2!r}: add it to haitao/declarations/countries.py") from None
