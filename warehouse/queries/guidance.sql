-- Statements of guidance.py.

-- name: candidates
-- One statement per (document, company, FY, FQ): the first in the document. Each is paired
-- with the statement for the same period in the previous document (time order), then only
-- documents not yet examined are returned.
WITH statements AS (
    SELECT
        f.document_id, f.ordinal, f.company, f.fiscal_year, f.fiscal_quarter,
        f.low_usd, f.high_usd, f.sentence, d.url, d.published, dd.day, d.fetched_at,
        dd.from_company
    FROM capex_facts f
    JOIN documents d ON d.id = f.document_id
    JOIN document_dates dd ON dd.document_id = f.document_id
    WHERE f.kind = 'guidance' AND f.company IS NOT NULL AND f.fiscal_year IS NOT NULL
    QUALIFY row_number() OVER (
        PARTITION BY f.document_id, f.company, f.fiscal_year, f.fiscal_quarter
        ORDER BY f.ordinal
    ) = 1
),
paired AS (
    SELECT
        *,
        lag(document_id) OVER w AS prior_document,
        lag(url) OVER w AS prior_url,
        lag(low_usd) OVER w AS prior_low_usd,
        lag(high_usd) OVER w AS prior_high_usd
    FROM statements
    WINDOW w AS (
        PARTITION BY company, fiscal_year, fiscal_quarter
        ORDER BY day, from_company DESC, fetched_at, document_id
    )
)
SELECT
    company, fiscal_year, fiscal_quarter, low_usd, high_usd, document_id, url, published,
    sentence, prior_document, prior_url, prior_low_usd, prior_high_usd, from_company
FROM paired
WHERE document_id NOT IN (SELECT document_id FROM guidance_examined)
ORDER BY day, from_company DESC, fetched_at, document_id, ordinal;

-- name: unexamined_guidance_documents
SELECT DISTINCT f.document_id
FROM capex_facts f
WHERE f.kind = 'guidance'
  AND f.document_id NOT IN (SELECT document_id FROM guidance_examined);

-- name: insert_alerts
INSERT INTO alerts (
    event_key, company, fiscal_year, fiscal_quarter, event, low_usd, high_usd,
    prior_low_usd, prior_high_usd, document, url, published, sentence, prior_document,
    prior_url, created_at, run_id
)
SELECT
    b.event_key, b.company, b.fiscal_year, b.fiscal_quarter, b.event, b.low_usd, b.high_usd,
    b.prior_low_usd, b.prior_high_usd, b.document, b.url, b.published, b.sentence,
    b.prior_document, b.prior_url, b.created_at, $run_id
FROM batch_alerts AS b
ANTI JOIN alerts AS a ON a.event_key = b.event_key
RETURNING event_key;

-- name: mark_examined
INSERT INTO guidance_examined (document_id, run_id, examined_at)
SELECT document_id, $run_id, now() FROM batch_examined
ON CONFLICT (document_id) DO NOTHING;
