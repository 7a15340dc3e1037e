"""The flash-sale bench's defaults measure a sustained sale: the hot SKU's units outlast most of the
run at the target rate, and the buyer pool can hold every unit within the unpaid-orders cap."""

import argparse

from django.conf import settings

from benchmarks.flashsale import runner

REFERENCE_CEILING = 3600  # sales/s: the pgbench ceiling on the 2-core reference box (docs/benchmarks.md)


def _defaults(*extra):
    parser = argparse.ArgumentParser()
    runner.add_parsers(parser.add_subparsers(dest="command"))
    return parser.parse_args(["bench", "flash-sale", *extra])


def test_the_hot_sku_lasts_most_of_the_run_at_the_target_rate():
    args = _defaults()
    assert args.stock / REFERENCE_CEILING >= 15 and args.duration == 20
    assert not args.no_pay


def test_the_buyer_pool_can_hold_every_unit_within_the_unpaid_cap():
    args = _defaults()
    cap = min(settings.MAX_UNPAID_ORDERS_PER_ACCOUNT, settings.MAX_UNPAID_ORDERS_PER_BUYER)
    assert args.stock <= args.buyers * cap


def test_a_trial_run_can_skip_the_payment_phase():
    assert _defaults("--no-pay", "--stock", "500").no_pay
