-- Statements of guidance.py.

-- name: statements
-- Every guidance statement of each (company, FY, FQ) that has a not-yet-examined document:
-- the first statement per document and period, in time order (published day, the company's
-- own documents before same-day news, fetch time). guidance.py walks each period in order.
WITH statements AS (
    SELECT
        f.company, f.fiscal_year, f.fiscal_quarter, f.low_usd, f.high_usd, f.sentence,
        f.document_id, d.url, d.canonical_url, d.published, dd.day, dd.from_company,
        d.fetched_at, f.document_id IN (SELECT document_id FROM guidance_examined) AS examined
    FROM capex_facts f
    JOIN documents d ON d.id = f.document_id
    JOIN document_dates dd ON dd.document_id = f.document_id
    WHERE f.kind = 'guidance' AND f.company IS NOT NULL AND f.fiscal_year IS NOT NULL
    QUALIFY row_number() OVER (
        PARTITION BY f.document_id, f.company, f.fiscal_year, f.fiscal_quarter
        ORDER BY f.ordinal
    ) = 1
),
open_periods AS (
    SELECT DISTINCT company, fiscal_year, fiscal_quarter FROM statements WHERE NOT examined
)
SELECT
    s.company, s.fiscal_year, s.fiscal_quarter, s.low_usd, s.high_usd, s.sentence,
    s.document_id, s.url, s.canonical_url, s.published, s.day, s.from_company, s.examined
FROM statements s
SEMI JOIN open_periods p
    ON s.company = p.company AND s.fiscal_year = p.fiscal_year
    AND s.fiscal_quarter IS NOT DISTINCT FROM p.fiscal_quarter
ORDER BY s.company, s.fiscal_year, s.fiscal_quarter NULLS FIRST, s.day, s.from_company DESC,
    s.fetched_at, s.document_id;

-- name: unexamined_guidance_documents
SELECT DISTINCT f.document_id
FROM capex_facts f
WHERE f.kind = 'guidance'
  AND f.document_id NOT IN (SELECT document_id FROM guidance_examined);

-- name: insert_alerts
INSERT INTO alerts (
    event_key, company, fiscal_year, fiscal_quarter, event, low_usd, high_usd,
    prior_low_usd, prior_high_usd, document, url, published, sentence, prior_document,
    prior_url, created_at, run_id, unconfirmed
)
SELECT
    b.event_key, b.company, b.fiscal_year, b.fiscal_quarter, b.event, b.low_usd, b.high_usd,
    b.prior_low_usd, b.prior_high_usd, b.document, b.url, b.published, b.sentence,
    b.prior_document, b.prior_url, b.created_at, $run_id, b.unconfirmed
FROM batch_alerts AS b
ANTI JOIN alerts AS a ON a.event_key = b.event_key
RETURNING event_key;

-- name: confirm_alerts
-- A company document stating what a news report said first confirms that report's alert.
UPDATE alerts SET confirmed_by = c.confirmed_by, confirmed_url = c.confirmed_url
FROM batch_confirmations AS c
WHERE alerts.document = c.news_document AND alerts.company = c.company
  AND alerts.fiscal_year = c.fiscal_year
  AND alerts.fiscal_quarter IS NOT DISTINCT FROM c.fiscal_quarter
  AND alerts.confirmed_by IS NULL;

-- name: mark_examined
INSERT INTO guidance_examined (document_id, run_id, examined_at)
SELECT document_id, $run_id, now() FROM batch_examined
ON CONFLICT (document_id) DO NOTHING;
