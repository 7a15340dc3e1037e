"""Package data: the official customs XSD (202205) and the W3C XML-DSig schema it imports.

The customs XSD imports ``schemaLocation="xmldsig-core-schema.xsd"``; keeping a copy of that file
beside it (taken from the ``xmlschema`` package) makes validation work offline.
"""

from pathlib import Path

SCHEMA_DIR = Path(__file__).resolve().parent
CEB_XSD = SCHEMA_DIR / "ceb-import-202205.xsd"
