"""The sandbox callback's transaction as one PostgreSQL function, `haitao_pay_callback(jsonb)`
(created by migration payments/0007; docs/scaling.md, "The lean payment path").

One call applies one verified notification exactly as `payments.services.handle_callback` does for a
payment of one customs order (a purchase of several orders goes to the normal path): it locks the
payment and its order (payment first, as the ORM's `select_for_update(of=("self", "order"))`),
decides the outcome, and writes the callback row (unique per event), the raw notification, the
ledger, the payment's new state and — when it is paid — the quota entry committed with the person's
totals (the purchase's unpaid slot freed), the order moved to ``paid`` with its audit event, and the
customs "declare" outbox row (what `declarations.handlers.declare_paid_order` writes on OrderPaid).
In autocommit this is one round trip and one transaction. Outcomes:

- ``paid``, ``failed``, ``pending``, ``already_<status>``, ``refunded_payer_mismatch``,
  ``refunded_order_not_payable`` — written, answered 200 as the normal path answers them;
- ``duplicate`` — the event id is known: nothing written (the normal path's IntegrityError answer);
- ``amount_mismatch`` — nothing written; answered 422 with the payment's amount;
- ``unknown_payment`` — nothing written; answered 422;
- ``fallback`` — nothing written: a purchase of several orders; the normal path answers.

The values that need Python (the event's id hash, the encrypted raw notification, the fee, the
provider's time) come in from `payments.lean`; the rows are those of `payments.recording.write`,
`compliance.quota.commit`, `orders.services.transition` and `declarations.services.queue_declaration`,
held to it by tests/fastpath/test_payments.py.
"""

FUNCTION = "haitao_pay_callback"

CREATE = r"""
CREATE OR REPLACE FUNCTION haitao_pay_callback(p jsonb)
RETURNS TABLE (outcome text, amount numeric, order_id bigint, order_number text, payment_id bigint)
LANGUAGE plpgsql AS $fn$
DECLARE
  pay payments_payment;
  o orders_order;
  q compliance_quotaentry;
  v_now timestamptz := now();
  v_provider text := p->>'provider';
  v_outcome text;
  v_paid_at timestamptz := (p->>'paid_at')::timestamptz;
  v_amount numeric := (p->>'amount')::numeric;
  v_fee numeric := (p->>'fee')::numeric;
  v_payer_name text;
  v_payer_hash text;
  v_cents bigint;
BEGIN
  SELECT * INTO pay FROM payments_payment x
   WHERE x.reference = p->>'reference' AND x.provider = v_provider FOR UPDATE;
  IF NOT FOUND THEN
    RETURN QUERY SELECT 'unknown_payment'::text, NULL::numeric, NULL::bigint, NULL::text, NULL::bigint;
    RETURN;
  END IF;
  SELECT * INTO o FROM orders_order x WHERE x.id = pay.order_id FOR UPDATE;
  IF pay.purchase_id IS NOT NULL AND pay.amount <> o.actual_paid THEN
    RETURN QUERY SELECT 'fallback'::text, pay.amount, o.id, o.number::text, pay.id;
    RETURN;
  END IF;

  IF pay.status <> 'pending' THEN
    v_outcome := 'already_' || pay.status;
  ELSIF p->>'status' = 'pending' THEN
    v_outcome := 'pending';
  ELSIF p->>'status' <> 'succeeded' THEN
    v_outcome := 'failed';
  ELSIF v_amount <> pay.amount THEN
    RETURN QUERY SELECT 'amount_mismatch'::text, pay.amount, o.id, o.number::text, pay.id;
    RETURN;
  ELSE
    IF p->>'payer_name' IS NULL THEN
      v_payer_name := o.buyer_name; v_payer_hash := o.buyer_id_hash;
    ELSE
      v_payer_name := p->>'payer_name'; v_payer_hash := p->>'payer_id_hash';
    END IF;
    IF v_payer_name <> o.buyer_name OR v_payer_hash <> o.buyer_id_hash THEN
      v_outcome := 'refunded_payer_mismatch';
    ELSIF o.status <> 'pending_payment' THEN
      v_outcome := 'refunded_order_not_payable';
    ELSE
      v_outcome := 'paid';
    END IF;
  END IF;

  -- A repeated event changes nothing (a concurrent one for another payment trips the unique
  -- constraint below, and the caller answers it the same way).
  IF EXISTS (SELECT 1 FROM payments_paymentcallback c WHERE c.provider = v_provider AND c.event_id = p->>'event_id') THEN
    RETURN QUERY SELECT 'duplicate'::text, pay.amount, o.id, o.number::text, pay.id;
    RETURN;
  END IF;
  INSERT INTO payments_paymentcallback (provider, event_id, outcome, received_at, payment_id)
  VALUES (v_provider, p->>'event_id', v_outcome, v_now, pay.id);
  INSERT INTO payments_paymentexchange (kind, request, response, created_at, payment_id)
  VALUES ('notify', p->>'raw', p->>'response', v_now, pay.id);

  IF v_outcome = 'failed' THEN
    UPDATE payments_payment SET status = 'failed' WHERE id = pay.id;
  ELSIF v_outcome IN ('paid', 'refunded_payer_mismatch', 'refunded_order_not_payable') THEN
    INSERT INTO payments_ledgerentry (provider, kind, amount, reference, occurred_at, order_id, payment_id)
    SELECT v_provider, e.kind, e.amount, p->>'transaction_id', v_paid_at, pay.order_id, pay.id
      FROM (VALUES (1, 'payment', pay.amount), (2, 'fee', v_fee)) e(n, kind, amount)
     WHERE e.n = 1 OR v_fee <> 0 ORDER BY e.n
    ON CONFLICT DO NOTHING;
    -- the sandbox holds no money: a payment it may not apply is returned at once
    UPDATE payments_payment
       SET status = CASE v_outcome WHEN 'paid' THEN 'succeeded' ELSE 'refunded' END,
           transaction_id = p->>'transaction_id', paid_at = v_paid_at, payer_name = v_payer_name,
           payer_id_hash = v_payer_hash,
           refunded_at = CASE v_outcome WHEN 'paid' THEN refunded_at ELSE v_now END
     WHERE id = pay.id;
  END IF;
  IF v_outcome <> 'paid' THEN
    RETURN QUERY SELECT v_outcome, pay.amount, o.id, o.number::text, pay.id;
    RETURN;
  END IF;

  -- orders.services.mark_paid: the quota reservation committed (this order is the purchase's last
  -- unpaid one, so its slot is freed), the order paid with its audit event
  SELECT * INTO q FROM compliance_quotaentry x WHERE x.order_id = o.id;
  IF FOUND AND q.state = 'reserved' THEN
    v_cents := (q.amount * 100)::bigint;
    UPDATE compliance_quotaentry SET state = 'committed', updated_at = v_now WHERE id = q.id;
    UPDATE compliance_quotaaccount
       SET reserved_fen = reserved_fen - v_cents, committed_fen = committed_fen + v_cents,
           unpaid_orders = unpaid_orders - 1
     WHERE id_hash = q.id_hash AND year = q.year;
  END IF;
  UPDATE orders_order SET status = 'paid', paid_at = v_paid_at WHERE id = o.id AND status = 'pending_payment';
  INSERT INTO orders_orderevent (event, from_status, to_status, actor, note, created_at, order_id)
  VALUES ('pay', 'pending_payment', 'paid', 'provider:' || v_provider, left('payment ' || pay.reference, 300),
          v_now, o.id);
  -- OrderPaid's in-transaction handler (declarations): the outbox row
  INSERT INTO declarations_declaretask (status, attempts, next_attempt_at, last_error, created_at, done_at, order_id)
  VALUES ('pending', 0, v_now, '', v_now, NULL, o.id);
  RETURN QUERY SELECT v_outcome, pay.amount, o.id, o.number::text, pay.id;
END
$fn$;
"""

DROP = "DROP FUNCTION IF EXISTS haitao_pay_callback(jsonb)"
