"""``haitao positive-list load FILE.csv [--source NAME]`` and ``haitao positive-list check GCODE [--mode M]``.

load: replaces the loaded CBEC positive list with FILE (UTF-8, or GB18030 as official lists often
are; header ``code,description,remarks``). Exit 0 and the counts; exit 2 and
``haitao: FILE:LINE: reason`` on standard error when the file cannot be loaded (nothing changes).
check: exit 0 when the 10-digit GCODE may be sold (under --mode, or under some mode), 1 when not,
2 when the input is invalid. ``--json`` prints the answer as JSON.
"""

import json
import os
import sys

EXIT_OK, EXIT_REFUSED, EXIT_INVALID = 0, 1, 2


def _django() -> None:
    from django.apps import apps

    if not apps.ready:
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "haitao.settings")
        import django

        django.setup()


def _fail(where: str, reason: str) -> int:
    print(f"haitao: {where}: {reason}", file=sys.stderr)
    return EXIT_INVALID


def _read(path: str) -> str:
    with open(path, "rb") as handle:
        raw = handle.read()
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("gb18030")


def cmd_load(args) -> int:
    try:
        text = _read(args.file)
    except OSError as exc:
        return _fail(args.file, exc.strerror or str(exc))
    except UnicodeDecodeError:
        return _fail(args.file, "the file is neither UTF-8 nor GB18030 text")
    _django()
    from .services import PositiveListFileError, load_positive_list

    try:
        counts = load_positive_list(text, args.source or os.path.basename(args.file))
    except PositiveListFileError as exc:
        where = f"{args.file}:{exc.line}" if exc.line else args.file
        return _fail(where, exc.reason)
    if args.json:
        print(json.dumps(counts))
    else:
        print(f"positive list loaded from {args.file}: {counts['total']} tariff lines "
              f"({counts['added']} added, {counts['updated']} updated, {counts['removed']} removed, "
              f"{counts['unchanged']} unchanged)")
    return EXIT_OK


def cmd_check(args) -> int:
    _django()
    from haitao.rules.positive_list import MODES

    from .services import positive_list

    gcode = args.gcode.strip()
    if not (len(gcode) == 10 and gcode.isascii() and gcode.isdigit()):
        return _fail("positive-list check", f"GCODE must be 10 digits, got {args.gcode!r}")
    plist = positive_list()
    verdicts = {m: plist.check(gcode, m) for m in ([args.mode] if args.mode else MODES)}
    allowed = [m for m, v in verdicts.items() if v.allowed]
    if args.json:
        print(json.dumps({"gcode": gcode, "allowed": bool(allowed), "modes": allowed,
                          "verdicts": {m: {"allowed": v.allowed, "reason_code": v.reason_code,
                                           "message": v.message} for m, v in verdicts.items()}},
                         ensure_ascii=False))
    else:
        for mode, verdict in verdicts.items():
            print(f"{mode}: {'allowed' if verdict.allowed else 'refused'} ({verdict.reason_code}): "
                  f"{verdict.message}")
    return EXIT_OK if allowed else EXIT_REFUSED


def add_parsers(subparsers) -> None:
    """Add ``positive-list`` (load, check) to the `haitao` command's subparsers."""
    group = subparsers.add_parser("positive-list", help="the CBEC positive list: load an official list, check a code")
    sub = group.add_subparsers(dest="positive_list_command", required=True)

    load = sub.add_parser("load", help="replace the loaded list with FILE.csv (code,description,remarks)")
    load.add_argument("file", metavar="FILE.csv")
    load.add_argument("--source", default="", help="name of the published list (default: the file name)")
    load.add_argument("--json", action="store_true", help="print the counts as JSON")
    load.set_defaults(func=cmd_load)

    check = sub.add_parser("check", help="may goods with this 10-digit HS code be sold under CBEC?")
    check.add_argument("gcode", metavar="GCODE")
    check.add_argument("--mode", choices=["1210", "9610"], default=None, help="only this mode (default: any)")
    check.add_argument("--json", action="store_true", help="print the answer as JSON")
    check.set_defaults(func=cmd_check)
