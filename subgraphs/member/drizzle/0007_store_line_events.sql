-- Issue 20: a batch of line events stored by ONE statement (one round trip, no client-side
-- transaction): what subgraphs/member/src/events/store.ts did in four (BEGIN; the counter lock
-- with the reads; the writes; COMMIT). Same rules: the counter row is locked first, so writers on
-- every replica run one after another and seqs are 1..n with no gap; an event id stored before, or
-- repeated in the batch, is not stored again; previous_state is the line's last state; a line's
-- status starts anew when its state changes or, within a state, when a reason is given that differs
-- (startsNewStatus in store.ts); NOTIFY '<first>-<last>' on the channel, sent only if the batch commits.
-- The freeze triggers of 0006 fire on each write as before (CGMOV while the data is moving).
-- Tables and types are unqualified: a firm's own server finds them in public, a member host in the
-- firm's schema and member_types (its search_path); the host creates this function in each firm's schema.
-- Returns one row per input, in input order: the stored event, and whether this call stored it.
CREATE FUNCTION "public"."store_line_events"(batch jsonb, channel text)
RETURNS TABLE (
  stored_now boolean,
  seq bigint,
  event_id text,
  line_id text,
  state text,
  previous_state text,
  at timestamptz,
  reason_code text,
  cycle_time_seconds double precision,
  good_count integer,
  scrap_count integer,
  received_at timestamptz
)
LANGUAGE plpgsql AS $$
#variable_conflict use_column
DECLARE
  v_last bigint;
  v_first bigint;
  v_count bigint;
  v_line text := NULL;
  v_state text;
  v_since timestamptz;
  v_seq bigint;
  v_reason text;
  v_changed boolean := false;
  ids text[] := '{}';
  states text[] := '{}';
  sinces timestamptz[] := '{}';
  seqs integer[] := '{}';
  reasons text[] := '{}';
  e record;
BEGIN
  INSERT INTO line_event_counter AS c (id, last_seq) VALUES (1, 0)
    ON CONFLICT (id) DO UPDATE SET last_seq = c.last_seq
    RETURNING c.last_seq INTO v_last;
  v_first := v_last + 1;

  WITH input AS (
    SELECT a.n, a.item->>'eventId' AS event_id, a.item->>'lineId' AS line_id, a.item->>'state' AS state,
           (a.item->>'at')::timestamptz AS at, a.item->>'reasonCode' AS reason_code,
           (a.item->>'cycleTimeSeconds')::double precision AS cycle_time_seconds,
           (a.item->>'goodCount')::integer AS good_count, (a.item->>'scrapCount')::integer AS scrap_count,
           (a.item->>'receivedAt')::timestamptz AS received_at
    FROM jsonb_array_elements(batch) WITH ORDINALITY AS a(item, n)
  ),
  firsts AS (
    SELECT DISTINCT ON (i.event_id) i.* FROM input i ORDER BY i.event_id, i.n
  ),
  fresh AS (
    SELECT f.*, v_last + row_number() OVER (ORDER BY f.n) AS new_seq,
           lag(f.state) OVER (PARTITION BY f.line_id ORDER BY f.n) AS previous_in_batch
    FROM firsts f
    WHERE NOT EXISTS (SELECT 1 FROM line_events le WHERE le.event_id = f.event_id)
  )
  INSERT INTO line_events (seq, event_id, line_id, state, previous_state, at, reason_code, cycle_time_seconds, good_count, scrap_count, received_at)
  SELECT fr.new_seq, fr.event_id, fr.line_id, fr.state::line_state,
         coalesce(fr.previous_in_batch, (SELECT le.state::text FROM line_events le WHERE le.line_id = fr.line_id ORDER BY le.seq DESC LIMIT 1))::line_state,
         fr.at, fr.reason_code, fr.cycle_time_seconds, fr.good_count, fr.scrap_count, coalesce(fr.received_at, now())
  FROM fresh fr;
  GET DIAGNOSTICS v_count = ROW_COUNT;

  IF v_count > 0 THEN
    -- Each line's status, walked through its new events in seq order from what the line row holds.
    FOR e IN
      SELECT le.line_id, le.seq, le.state::text AS state, le.at, le.reason_code,
             l.state::text AS line_state, l.state_since, l.state_seq, l.state_reason_code
      FROM line_events le JOIN lines l ON l.id = le.line_id
      WHERE le.seq >= v_first
      ORDER BY le.line_id, le.seq
    LOOP
      IF v_line IS DISTINCT FROM e.line_id THEN
        IF v_changed THEN
          ids := ids || v_line; states := states || v_state; sinces := sinces || v_since; seqs := seqs || v_seq::integer; reasons := reasons || v_reason;
        END IF;
        v_line := e.line_id; v_state := e.line_state; v_since := e.state_since; v_seq := e.state_seq; v_reason := e.state_reason_code;
        v_changed := false;
      END IF;
      IF v_seq = 0 OR v_state <> e.state OR (e.reason_code IS NOT NULL AND e.reason_code IS DISTINCT FROM v_reason) THEN
        v_state := e.state; v_since := e.at; v_seq := e.seq; v_reason := e.reason_code; v_changed := true;
      END IF;
    END LOOP;
    IF v_changed THEN
      ids := ids || v_line; states := states || v_state; sinces := sinces || v_since; seqs := seqs || v_seq::integer; reasons := reasons || v_reason;
    END IF;
    IF cardinality(ids) > 0 THEN
      UPDATE lines l SET state = u.state::line_state, state_since = u.since, state_seq = u.seq, state_reason_code = u.reason
      FROM unnest(ids, states, sinces, seqs, reasons) AS u(id, state, since, seq, reason)
      WHERE l.id = u.id;
    END IF;
    UPDATE line_event_counter SET last_seq = v_last + v_count WHERE id = 1;
    PERFORM pg_notify(channel, v_first::text || '-' || (v_last + v_count)::text);
  END IF;

  RETURN QUERY
    SELECT (le.seq >= v_first AND x.n = x.first_n),
           le.seq, le.event_id, le.line_id, le.state::text, le.previous_state::text, le.at, le.reason_code,
           le.cycle_time_seconds, le.good_count, le.scrap_count, le.received_at
    FROM (SELECT a.n, a.item->>'eventId' AS eid, min(a.n) OVER (PARTITION BY a.item->>'eventId') AS first_n
          FROM jsonb_array_elements(batch) WITH ORDINALITY AS a(item, n)) x
    JOIN line_events le ON le.event_id = x.eid
    ORDER BY x.n;
END
$$;
