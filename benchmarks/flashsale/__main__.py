"""python -m benchmarks.flashsale flash-sale [options]"""

import argparse
import sys

from .runner import add_flash_sale


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.flashsale")
    add_flash_sale(parser.add_subparsers(dest="bench_command", required=True))
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
