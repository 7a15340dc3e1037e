"""Customs declarations of paid orders (issue #4): the order → CEB311/411/511/621 mapping, a
transactional outbox delivered over the folder exchange, receipts back into order states, and the
built-in carrier's shipments. The message layer itself is :mod:`haitao.customs` (no Django)."""
