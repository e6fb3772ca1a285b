-- Statements of alerts.py. Alert column order matches alerts.ALERT_COLUMNS.

-- name: pending
SELECT id, company, fiscal_year, fiscal_quarter, event, low_usd, high_usd, prior_low_usd,
       prior_high_usd, document, url, published, sentence, prior_document, prior_url,
       created_at, unconfirmed
FROM alerts
WHERE notified_at IS NULL AND (event <> 'reaffirmed' OR $include_reaffirmed)
ORDER BY id;

-- name: mark_notified
UPDATE alerts SET notified_at = now()
WHERE id IN (SELECT unnest($ids)) AND notified_at IS NULL;

-- name: since
SELECT id, company, fiscal_year, fiscal_quarter, event, low_usd, high_usd, prior_low_usd,
       prior_high_usd, document, url, published, sentence, prior_document, prior_url,
       created_at, unconfirmed
FROM alerts
WHERE $since IS NULL OR CAST(timezone('UTC', created_at) AS DATE) >= $since
ORDER BY created_at, id;

-- name: enqueue
-- Every announceable alert not yet announced gets one outbox row per configured channel;
-- rows already queued keep their state, so a channel that failed is not queued twice.
INSERT INTO alert_outbox (alert_id, channel, channel_label, idempotency_key, queued_at)
SELECT a.id, c.channel, c.label, left(sha256(a.event_key || '|' || c.channel), 32), now()
FROM alerts a
CROSS JOIN batch_channels c
WHERE a.notified_at IS NULL
  AND (a.event <> 'reaffirmed' OR $include_reaffirmed)
  AND ($created_since IS NULL OR a.created_at >= $created_since)
  AND NOT EXISTS (
      SELECT 1 FROM alert_outbox o WHERE o.alert_id = a.id AND o.channel = c.channel
  )
ORDER BY a.id, c.channel
RETURNING alert_id;

-- name: deliveries
SELECT o.alert_id, o.channel, o.idempotency_key, o.attempts,
       a.company, a.fiscal_year, a.fiscal_quarter, a.event, a.low_usd, a.high_usd,
       a.prior_low_usd, a.prior_high_usd, a.document, a.url, a.published, a.sentence,
       a.prior_document, a.prior_url, a.created_at, a.unconfirmed,
       d.doc_type, d.form, d.filing_date, d.title, d.publisher
FROM alert_outbox o
JOIN alerts a ON a.id = o.alert_id
LEFT JOIN documents d ON d.id = a.document
WHERE o.status = 'pending' AND o.channel IN (SELECT channel FROM batch_channels)
ORDER BY a.id, o.channel;

-- name: delivered
UPDATE alert_outbox
SET status = 'sent', attempts = attempts + 1, sent_at = now(), last_attempt_at = now(),
    last_error = NULL
WHERE alert_id = $alert_id AND channel = $channel AND status = 'pending';

-- name: delivery_failed
UPDATE alert_outbox
SET attempts = attempts + 1, last_attempt_at = now(), last_error = $error
WHERE alert_id = $alert_id AND channel = $channel AND status = 'pending';

-- name: mark_announced
-- An alert is announced once no configured channel still has it pending.
UPDATE alerts SET notified_at = now()
WHERE notified_at IS NULL
  AND id IN (SELECT alert_id FROM alert_outbox WHERE status = 'sent')
  AND id NOT IN (
      SELECT alert_id FROM alert_outbox
      WHERE status = 'pending' AND channel IN (SELECT channel FROM batch_channels)
  );

-- name: settle_run
-- A backfill records history: its alerts are stored but owed to no channel.
UPDATE alerts SET notified_at = now() WHERE run_id = $run_id AND notified_at IS NULL;

-- name: known_accessions
SELECT DISTINCT accession FROM documents WHERE accession IN (SELECT unnest($accessions));

-- name: company_ciks
SELECT cik, ticker FROM companies WHERE ticker IN (SELECT unnest($tickers)) AND cik IS NOT NULL;
