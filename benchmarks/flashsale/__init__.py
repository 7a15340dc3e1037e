"""`haitao bench flash-sale`: orders per second through the real REST path, with the database ceiling.

Wire into haitao/cli.py with `add_parsers(sub)`; or run `python -m benchmarks.flashsale flash-sale ...`.
"""

from .runner import add_flash_sale, add_parsers, run_flash_sale  # noqa: F401
