"""Bring an acquired platform onto haitao: read, validate, normalise, match, link, report.

This package is the pure core (no Django): ``reader`` (export folder → typed records or
``Quarantined``), ``normalise`` (titles, brands, specs, GTINs, phones, amounts → ``NormalisedProduct``),
``match`` (``CatalogIndex.match`` → ``ProductDecision``; ``conflicts``), ``link`` (``CustomerIndex.link``
→ ``CustomerDecision``) and ``report`` (``build_report``, ``render_html``, ``write_report``).
The merge into the database and the ``haitao consolidate`` command sit on top of it.
"""
