"""gunicorn's access log with personal data masked: a request line or referrer can carry an ID number
or a phone (an admin search, a query string), and the access log is written by gunicorn, not through
Django's logging and its masking filter. `haitao serve` installs it with `--logger-class`."""

import re
from functools import lru_cache

from gunicorn.glogging import Logger

from haitao.common.logging import mask_text

_ATOM = re.compile(r"%\((\{[^}]*\}[a-z]|[A-Za-z])\)s")


@lru_cache(maxsize=8)
def _used(log_format: str) -> frozenset:
    """The atoms a format prints: only those need masking, on every request."""
    return frozenset(_ATOM.findall(log_format))


class MaskingLogger(Logger):
    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        for name in _used(self.cfg.access_log_format) & atoms.keys():
            if isinstance(atoms[name], str):
                atoms[name] = mask_text(atoms[name])
        return atoms
