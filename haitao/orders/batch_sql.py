"""The placement batch as one PostgreSQL function, `haitao_place_batch(jsonb)` (created by migration
orders/0005; docs/scaling.md, "The lean placement path").

One call places k one-line orders in one transaction — the group commit of the hot path
(haitao/fastpath): it re-checks what the caller took from its caches (the token, the identity, the
listing's price and visibility, the SKU's facts), locks the stock rows of the batch's SKUs in SKU
order (a seller's order draws on the seller's stock), reserves each buyer's quota with the same conditional upsert as `compliance.quota.reserve`
(buyers in id-hash order, so two batches cannot deadlock), writes each order with its purchase, line,
allocation, audit event and quota entry, and takes the units with ONE conditional UPDATE per stock
row for all k orders. Each order gets one outcome:

- ``placed`` — written; answered 201 once the statement (and so the transaction) has returned.
- ``out_of_stock`` — no stock row of the SKU has the units left: answered 409 without a retry.
- ``replay`` (the Idempotency-Key was used), ``quota`` (the reserve refused: limit or unpaid cap),
  ``stale`` (a cached fact changed), ``unauthorized`` (token revoked or expired, identity changed) —
  nothing written for it; the caller hands the request to the normal Django path, which answers it
  exactly (the first order, the refusal with amounts, a 401 …).

It writes the tables of orders, inventory and compliance in one round trip; those apps' services stay
the only Python that writes them, and this function does what `orders.services._write`,
`inventory.services.allocate/record` and `compliance.quota.reserve` do, row for row (the tests hold
the two paths to the same rows). Rows come in as JSON objects keyed by column name and become table
rows with `jsonb_populate_record`, so a new column is one more key from Python, not a new signature.

Per batch, not per order (version 2, migration orders/0009; about 40 % less PostgreSQL CPU per order
at 10 – 100 orders a batch than version 1): the tokens and identities are checked, and the
Idempotency-Keys looked up, by one read each for the whole batch; the rows are collected in arrays
and each table gets one INSERT … SELECT FROM unnest(…). A key used twice in one batch is a replay
for its second order, as it was when each order's row was written before the next was checked. The
function runs with `enable_seqscan = off` and generic plans: every read is a keyed lookup, and a
plan made while a table was small must not keep scanning it as it grows. It ends with `SET
CONSTRAINTS ALL IMMEDIATE`, so the foreign-key checks Django's constraints defer to the commit run
inside it, under those settings, whatever session calls it.
"""

FUNCTION = "haitao_place_batch"

CREATE = r"""
CREATE OR REPLACE FUNCTION haitao_place_batch(p jsonb)
RETURNS TABLE (idx int, outcome text, order_id bigint, order_number text, warehouse_code text,
               order_mode text)
-- every read here is a keyed lookup: never a plan that scans a table (plans are kept per session, and
-- one made while a table was small would keep scanning it as it grows; fastpath/batcher.py)
LANGUAGE plpgsql SET enable_seqscan = off SET plan_cache_mode = force_generic_plan AS $fn$
DECLARE
  o jsonb;
  r orders_order;
  pu orders_purchase;
  l orders_orderline;
  all_pu orders_purchase[] := '{}'; all_r orders_order[] := '{}'; all_l orders_orderline[] := '{}';
  al_qty int[] := '{}'; al_line bigint[] := '{}'; al_stock bigint[] := '{}';
  qe_hash text[] := '{}'; qe_year int[] := '{}'; qe_amount numeric[] := '{}'; qe_at timestamptz[] := '{}';
  st_id bigint[]; st_sku bigint[]; st_owner bigint[]; st_avail bigint[]; st_take bigint[]; st_wh bigint[];
  st_code text[]; st_mode text[];
  j int; pick int; q int; v_id_number text; v_quota bigint; v_block bigint := 0; v_left int := 0;
  v_now timestamptz := now(); v_updated int; v_listing_ok text; v_key text;
  v_auth jsonb; v_taken jsonb; v_keys text[] := '{}';
  a_token text[]; a_user int[]; a_identity bigint[]; a_customer bigint[]; a_key text[];
  v_order_seq regclass := pg_get_serial_sequence('orders_order', 'id')::regclass;
  v_purchase_seq regclass := pg_get_serial_sequence('orders_purchase', 'id')::regclass;
  v_line_seq regclass := pg_get_serial_sequence('orders_orderline', 'id')::regclass;
  v_skus bigint[] := ARRAY(SELECT DISTINCT (e->>'sku_id')::bigint FROM jsonb_array_elements(p->'orders') e);
BEGIN
  -- Lock every stock row of the batch's SKUs in SKU order (placement's allocate_at takes a purchase's
  -- rows in SKU order too), then read them in shipping preference: bonded first, then priority.
  PERFORM 1 FROM inventory_stock s
   WHERE s.sku_id = ANY (v_skus)
   ORDER BY s.sku_id, s.id FOR UPDATE;
  SELECT array_agg(s.id ORDER BY CASE w.kind WHEN 'bonded' THEN 0 ELSE 1 END, w.priority, w.id, s.id),
         array_agg(s.sku_id ORDER BY CASE w.kind WHEN 'bonded' THEN 0 ELSE 1 END, w.priority, w.id, s.id),
         array_agg(s.owner_id ORDER BY CASE w.kind WHEN 'bonded' THEN 0 ELSE 1 END, w.priority, w.id, s.id),
         array_agg(s.on_hand - s.allocated ORDER BY CASE w.kind WHEN 'bonded' THEN 0 ELSE 1 END, w.priority, w.id, s.id),
         array_agg(0::bigint ORDER BY CASE w.kind WHEN 'bonded' THEN 0 ELSE 1 END, w.priority, w.id, s.id),
         array_agg(w.id ORDER BY CASE w.kind WHEN 'bonded' THEN 0 ELSE 1 END, w.priority, w.id, s.id),
         array_agg(w.code::text ORDER BY CASE w.kind WHEN 'bonded' THEN 0 ELSE 1 END, w.priority, w.id, s.id),
         array_agg(CASE w.kind WHEN 'bonded' THEN '1210' ELSE '9610' END
                   ORDER BY CASE w.kind WHEN 'bonded' THEN 0 ELSE 1 END, w.priority, w.id, s.id)
    INTO st_id, st_sku, st_owner, st_avail, st_take, st_wh, st_code, st_mode
    FROM inventory_stock s JOIN inventory_warehouse w ON w.id = s.warehouse_id
   WHERE w.active
     AND s.sku_id = ANY (v_skus);
  -- the cached tokens (still valid, of an active user) and identities (still the account's, the same
  -- person, the number's owner) of the whole batch in one read: idx → the identity's stored number.
  -- Each table is read by its keys of the batch (= ANY), so no plan can walk a whole index.
  SELECT array_agg(e->>'token'), array_agg((e->>'user_id')::int), array_agg((e->>'identity_id')::bigint),
         array_agg((e->'order'->>'customer_id')::bigint), array_agg(e->'order'->>'idempotency_key')
    INTO a_token, a_user, a_identity, a_customer, a_key
    FROM jsonb_array_elements(p->'orders') e;
  SELECT coalesce(jsonb_object_agg(e->>'idx', i.id_number), '{}') INTO v_auth
    FROM jsonb_array_elements(p->'orders') e
    JOIN (SELECT t.key_hash, t.user_id FROM accounts_apitoken t
           WHERE t.key_hash = ANY (a_token) AND NOT t.revoked AND t.expires_at > v_now) t ON t.key_hash = e->>'token'
    JOIN (SELECT u.id FROM auth_user u WHERE u.id = ANY (a_user) AND u.is_active) u
      ON u.id = t.user_id AND u.id = (e->>'user_id')::int
    JOIN (SELECT i.id, i.customer_id, i.id_hash, i.real_name, i.id_number FROM accounts_identity i
           WHERE i.id = ANY (a_identity) AND i.owner) i ON i.id = (e->>'identity_id')::bigint
   WHERE i.customer_id = (e->'order'->>'customer_id')::bigint AND i.id_hash = e->>'id_hash'
     AND i.real_name = e->'order'->>'buyer_name';
  -- the Idempotency-Keys of the batch its customers have used already, in one read (the unique index
  -- on (customer, key) answers it); a pair is taken only if that customer used that key
  SELECT coalesce(jsonb_object_agg(x.customer_id || '|' || x.idempotency_key, true), '{}') INTO v_taken
    FROM orders_order x
   WHERE x.customer_id = ANY (a_customer) AND x.idempotency_key = ANY (a_key) AND x.idempotency_key <> '';

  FOR o IN SELECT e FROM jsonb_array_elements(p->'orders') e ORDER BY e->>'id_hash', (e->>'idx')::int LOOP
    idx := (o->>'idx')::int; order_id := NULL; order_number := NULL; warehouse_code := NULL; order_mode := NULL;
    v_id_number := v_auth->>(o->>'idx');
    IF v_id_number IS NULL THEN outcome := 'unauthorized'; RETURN NEXT; CONTINUE; END IF;
    -- the cached listing: same price, visible, on sale, no per-buyer limit; the SKU's facts unchanged
    -- (checked once per listing and batch)
    IF v_listing_ok IS DISTINCT FROM o->>'listing_id' || '@' || (o->>'price') || '@' || (o->>'sku_updated_at') THEN
      IF NOT EXISTS (SELECT 1 FROM catalog_listing cl JOIN brands_brand b ON b.id = cl.brand_id
                       JOIN catalog_sku k ON k.id = cl.sku_id
                      WHERE cl.id = (o->>'listing_id')::bigint AND cl.price = (o->>'price')::numeric
                        AND cl.visible AND b.active AND cl.per_buyer_limit IS NULL
                        AND (cl.sale_starts IS NULL OR cl.sale_starts <= v_now)
                        AND (cl.sale_ends IS NULL OR v_now < cl.sale_ends)
                        AND k.updated_at = (o->>'sku_updated_at')::timestamptz) THEN
        outcome := 'stale'; RETURN NEXT; CONTINUE;
      END IF;
      v_listing_ok := o->>'listing_id' || '@' || (o->>'price') || '@' || (o->>'sku_updated_at');
    END IF;
    -- a key used before, or by an earlier order of this batch: the normal path answers the replay
    v_key := (o->'order'->>'customer_id') || '|' || (o->'order'->>'idempotency_key');
    IF o->'order'->>'idempotency_key' <> '' AND (v_taken ? v_key OR v_key = ANY (v_keys)) THEN
      outcome := 'replay'; RETURN NEXT; CONTINUE;
    END IF;
    -- stock: the seller's first row (in preference order) of this SKU, in an allowed mode, with the
    -- units left (inventory.services.allocate: stock belongs to its owner, the seller of record)
    q := (o->>'quantity')::int; pick := NULL;
    FOR j IN 1 .. coalesce(array_length(st_id, 1), 0) LOOP
      IF st_sku[j] = (o->>'sku_id')::bigint AND st_owner[j] = (o->'order'->>'seller_id')::bigint
         AND st_avail[j] >= q AND o->'modes' ? st_mode[j] THEN
        pick := j; EXIT;
      END IF;
    END LOOP;
    IF pick IS NULL THEN outcome := 'out_of_stock'; RETURN NEXT; CONTINUE; END IF;
    -- quota: compliance.quota.reserve's conditional upsert, in whole fen (an order over the limit on
    -- its own is refused before it: the upsert's INSERT branch checks nothing)
    IF (o->>'quota_fen')::bigint > (o->>'limit_fen')::bigint THEN outcome := 'quota'; RETURN NEXT; CONTINUE; END IF;
    v_quota := NULL;
    INSERT INTO compliance_quotaaccount AS a (id_hash, year, reserved_fen, committed_fen, unpaid_orders, updated_at)
    VALUES (o->>'id_hash', (o->>'year')::int, (o->>'quota_fen')::bigint, 0, 1, v_now)
    ON CONFLICT (id_hash, year) DO UPDATE
       SET reserved_fen = a.reserved_fen + excluded.reserved_fen, unpaid_orders = a.unpaid_orders + 1,
           updated_at = excluded.updated_at
     WHERE a.reserved_fen + a.committed_fen + excluded.reserved_fen <= (o->>'limit_fen')::bigint
       AND a.unpaid_orders < (o->>'max_unpaid')::int
    RETURNING a.id INTO v_quota;
    IF v_quota IS NULL THEN outcome := 'quota'; RETURN NEXT; CONTINUE; END IF;
    st_avail[pick] := st_avail[pick] - q; st_take[pick] := st_take[pick] + q;
    IF o->'order'->>'idempotency_key' <> '' THEN v_keys := v_keys || v_key; END IF;
    -- the order number: a block of orders_order_number_seq values, spread as orders/numbers.py does
    IF v_left = 0 THEN
      v_block := nextval('orders_order_number_seq'); v_left := (p->>'number_block')::int;
    END IF;
    -- the purchase (one checkout; a one-seller, one-warehouse order is its only order), numbered as
    -- orders.services numbers it: HP + the order number's date and digits
    pu := jsonb_populate_record(NULL::orders_purchase, o->'purchase');
    pu.id := nextval(v_purchase_seq);
    r := jsonb_populate_record(NULL::orders_order, o->'order');
    r.id := nextval(v_order_seq);
    r.number := 'HT' || (p->>'day') || lpad(((v_block::numeric * (p->>'scramble')::numeric)
                                            % (p->>'space')::numeric)::bigint::text, (p->>'digits')::int, '0');
    v_block := v_block + 1; v_left := v_left - 1;
    pu.number := 'HP' || substr(r.number, 3);
    r.purchase_id := pu.id;
    r.mode := st_mode[pick]; r.warehouse_id := st_wh[pick]; r.buyer_id_number := v_id_number;
    l := jsonb_populate_record(NULL::orders_orderline, o->'line');
    l.id := nextval(v_line_seq);
    l.order_id := r.id;
    -- the rows are written after the loop, each table in one INSERT for the whole batch
    all_pu := all_pu || pu; all_r := all_r || r; all_l := all_l || l;
    al_qty := al_qty || q; al_line := al_line || l.id; al_stock := al_stock || st_id[pick];
    qe_hash := qe_hash || (o->>'id_hash'); qe_year := qe_year || (o->>'year')::int;
    qe_amount := qe_amount || (o->>'quota_amount')::numeric; qe_at := qe_at || (o->>'event_at')::timestamptz;
    outcome := 'placed'; order_id := r.id; order_number := r.number; warehouse_code := st_code[pick];
    order_mode := st_mode[pick];
    RETURN NEXT;
  END LOOP;
  IF cardinality(all_r) > 0 THEN
    INSERT INTO orders_purchase SELECT * FROM unnest(all_pu);
    INSERT INTO orders_order SELECT * FROM unnest(all_r);
    INSERT INTO orders_orderline SELECT * FROM unnest(all_l);
    INSERT INTO inventory_allocation (quantity, released, shipped, order_line_id, stock_id)
    SELECT a.q, false, false, a.line, a.stock FROM unnest(al_qty, al_line, al_stock) AS a (q, line, stock);
    INSERT INTO orders_orderevent (event, from_status, to_status, actor, note, created_at, order_id)
    SELECT 'place', '', x.status, 'customer', '', e.at, x.id
      FROM unnest(all_r) WITH ORDINALITY AS x JOIN unnest(qe_at) WITH ORDINALITY AS e (at, n) ON e.n = x.ordinality;
    INSERT INTO compliance_quotaentry (external_ref, id_hash, year, amount, state, created_at, updated_at, order_id)
    SELECT '', a.h, a.y, a.amount, 'reserved', v_now, v_now, x.id
      FROM unnest(all_r) WITH ORDINALITY AS x
      JOIN unnest(qe_hash, qe_year, qe_amount) WITH ORDINALITY AS a (h, y, amount, n) ON a.n = x.ordinality;
  END IF;
  -- one conditional decrement per stock row for all the batch's units; it cannot miss (the rows are
  -- locked), and if it ever did the whole batch rolls back rather than oversell
  FOR j IN 1 .. coalesce(array_length(st_id, 1), 0) LOOP
    IF st_take[j] > 0 THEN
      UPDATE inventory_stock SET allocated = allocated + st_take[j]
       WHERE id = st_id[j] AND on_hand - allocated >= st_take[j];
      GET DIAGNOSTICS v_updated = ROW_COUNT;
      IF v_updated <> 1 THEN RAISE EXCEPTION 'stock row % changed under its lock', st_id[j]; END IF;
    END IF;
  END LOOP;
  -- the foreign-key checks (deferred by Django's constraints) now, under this function's settings:
  -- keyed plans, whatever the caller's session would plan them with
  SET CONSTRAINTS ALL IMMEDIATE;
END
$fn$;
"""

DROP = "DROP FUNCTION IF EXISTS haitao_place_batch(jsonb)"
