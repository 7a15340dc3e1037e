"""The access log `haitao serve` writes masks personal data in request lines and referrers, and the
log masking leaves order numbers and waybills readable."""

import datetime
from types import SimpleNamespace

from gunicorn.config import Config

from haitao.common.gunicorn_log import MaskingLogger
from haitao.common.logging import mask_text

ID_NUMBER, PHONE = "11010519491231002X", "13800138000"


def _line(logger, uri: str, referer: str = "-") -> str:
    environ = {"REQUEST_METHOD": "GET", "RAW_URI": uri, "SERVER_PROTOCOL": "HTTP/1.1", "PATH_INFO": uri.split("?")[0],
               "QUERY_STRING": uri.partition("?")[2], "HTTP_REFERER": referer, "REMOTE_ADDR": "127.0.0.1"}
    resp = SimpleNamespace(status="200 OK", sent=10, headers=[])
    atoms = logger.atoms(resp, SimpleNamespace(headers=[("REFERER", referer)]), environ,
                         datetime.timedelta(milliseconds=3))
    return logger.cfg.access_log_format % atoms


def test_request_lines_and_referrers_are_masked():
    logger = MaskingLogger(Config())
    line = _line(logger, f"/admin/orders/order/?q={ID_NUMBER}", referer=f"http://127.0.0.1/x?phone={PHONE}")
    assert ID_NUMBER not in line and PHONE not in line
    assert "1101**********002X" in line and "138****8000" in line and "/admin/orders/order/" in line


def test_order_numbers_and_waybills_stay_readable():
    text = "order HT202611280242514546 (waybill HTX202611280242514546) of buyer 11010519491231002X"
    assert mask_text(text) == "order HT202611280242514546 (waybill HTX202611280242514546) of buyer 1101**********002X"
