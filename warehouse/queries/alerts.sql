-- Statements of alerts.py. Column order matches alerts.ALERT_COLUMNS.

-- name: pending
SELECT id, company, fiscal_year, fiscal_quarter, event, low_usd, high_usd, prior_low_usd,
       prior_high_usd, document, url, published, sentence, prior_document, prior_url,
       created_at
FROM alerts
WHERE notified_at IS NULL AND (event <> 'reaffirmed' OR $include_reaffirmed)
ORDER BY id;

-- name: mark_notified
UPDATE alerts SET notified_at = now()
WHERE id IN (SELECT unnest($ids)) AND notified_at IS NULL;

-- name: since
SELECT id, company, fiscal_year, fiscal_quarter, event, low_usd, high_usd, prior_low_usd,
       prior_high_usd, document, url, published, sentence, prior_document, prior_url,
       created_at
FROM alerts
WHERE $since IS NULL OR CAST(timezone('UTC', created_at) AS DATE) >= $since
ORDER BY created_at, id;
