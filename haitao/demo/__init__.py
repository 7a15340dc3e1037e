"""Demo data that looks real: two brands (`dolphin` 海豚环球 / Dolphin Global, a marketplace, and
`wombat` 袋熊海购 / Wombat Import, self-operated), ~180 SKUs, listings, stock in two bonded and one
overseas warehouse, a labelled subset of the positive list, an operator, demo customers and past
orders placed through the real services.

    from haitao.demo import load
    load(stdout=sys.stdout)   # -> {"brands": 2, "skus": 183, ...}; a second run returns all zeros

Demo credentials (demo only): admin `admin` / `haitao-admin`; buyer `demo@haitao.test` / `haitao-demo`
(and demo1 … demo6@haitao.test with the same password).
"""



def load(stdout=None) -> dict:
    """See `haitao.demo.loader.load`; imported here lazily so that importing `haitao.demo` needs no
    configured Django (the CLI imports it before `django.setup()`)."""
    from .loader import load as _load

    return _load(stdout=stdout)


__all__ = ["load"]
