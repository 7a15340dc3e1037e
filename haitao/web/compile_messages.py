"""Compile the storefront translations without GNU gettext: `python -m haitao.web.compile_messages`.

Every `haitao/locale/<lang>/LC_MESSAGES/*.po` is written next to itself as `.mo` with Babel.
`--extract` first refreshes the catalogs from the source (templates through Django's own
`templatize`, Python through Babel), keeping existing translations; new strings arrive untranslated.
"""

import argparse
import io
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
LOCALE_DIR = ROOT / "locale"
# Every app: models, admin, /ops/ and the reports carry strings too, not just the storefront.
SOURCES = [ROOT]
KEYWORDS = {"gettext": None, "gettext_lazy": None, "_": None, "ngettext": (1, 2), "ngettext_lazy": (1, 2),
            "pgettext": ((1, "c"), 2), "pgettext_lazy": ((1, "c"), 2), "npgettext": ((1, "c"), 2, 3)}


def _python_source(path: Path) -> bytes:
    if path.suffix == ".html":
        from django.utils.translation.template import templatize

        return templatize(path.read_text(encoding="utf-8"), origin=str(path)).encode()
    return path.read_bytes()


def extract_catalog() -> Catalog:
    catalog = Catalog(project="haitao", charset="utf-8")
    for base in SOURCES:
        for path in sorted(base.rglob("*")):
            if path.suffix not in (".py", ".html") or path.name == "compile_messages.py" or "migrations" in path.parts:
                continue
            source = io.BytesIO(_python_source(path))
            for lineno, message, comments, context in extract("python", source, keywords=KEYWORDS):
                catalog.add(message, locations=[(str(path.relative_to(ROOT.parent)), lineno)],
                            auto_comments=comments, context=context)
    return catalog


def update(po_path: Path, template: Catalog) -> None:
    with po_path.open("rb") as handle:
        catalog = read_po(handle)
    catalog.update(template, no_fuzzy_matching=True)
    with po_path.open("wb") as handle:
        write_po(handle, catalog, width=100, omit_header=False, ignore_obsolete=True)


def compile_all(locale_dir: Path = LOCALE_DIR) -> list[Path]:
    written = []
    for po_path in sorted(locale_dir.glob("*/LC_MESSAGES/*.po")):
        with po_path.open("rb") as handle:
            catalog = read_po(handle, locale=po_path.parent.parent.name)
        mo_path = po_path.with_suffix(".mo")
        with mo_path.open("wb") as handle:
            write_mo(handle, catalog)
        written.append(mo_path)
    return written


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--extract", action="store_true", help="refresh the .po catalogs from the source first")
    args = parser.parse_args(argv)
    if args.extract:
        import django
        from django.conf import settings

        if not settings.configured:
            settings.configure()
        django.setup()
        template = extract_catalog()
        for po_path in sorted(LOCALE_DIR.glob("*/LC_MESSAGES/django.po")):
            update(po_path, template)
            print(f"updated {po_path.relative_to(ROOT.parent)} ({len(template)} messages)")
    for mo_path in compile_all():
        print(f"compiled {mo_path.relative_to(ROOT.parent)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
