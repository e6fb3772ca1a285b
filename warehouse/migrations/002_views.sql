-- Analyst-facing views. Time order everywhere is: published date (else the UTC date the
-- page was fetched), then the company's own documents before third-party reports of the
-- same day (a release is the source of its news), then fetched_at, so a late-crawled old
-- article sorts where it belongs.

-- When a document speaks: its published date, else the UTC day it was fetched.
CREATE OR REPLACE MACRO document_day(published, fetched_at) AS
    coalesce(published, CAST(timezone('UTC', fetched_at) AS DATE));

-- The company's own word (filings, releases, its call) as opposed to reports about it.
CREATE OR REPLACE MACRO is_company_source(doc_type) AS
    doc_type IN ('press_release', '8-K', '10-Q', '10-K', 'transcript');

CREATE OR REPLACE VIEW document_dates AS
SELECT
    id AS document_id,
    document_day(published, fetched_at) AS day,
    is_company_source(doc_type) AS from_company,
    fetched_at
FROM documents;

CREATE OR REPLACE VIEW documents_latest AS
SELECT * EXCLUDE (text, html)
FROM documents
QUALIFY row_number() OVER (PARTITION BY canonical_url ORDER BY version DESC) = 1;

CREATE OR REPLACE VIEW capex_guidance_history AS
SELECT
    f.company,
    f.fiscal_year,
    f.fiscal_quarter,
    f.low_usd,
    f.high_usd,
    f.approximate,
    lag(f.low_usd) OVER w  AS previous_low_usd,
    lag(f.high_usd) OVER w AS previous_high_usd,
    lag(f.document_id) OVER w AS previous_document_id,
    f.revision       AS stated_revision,
    f.prior_low_usd  AS stated_prior_low_usd,
    f.prior_high_usd AS stated_prior_high_usd,
    f.sentence,
    f.char_start,
    f.char_end,
    f.document_id,
    d.url,
    d.title,
    d.publisher,
    d.published,
    d.fetched_at,
    is_company_source(d.doc_type) AS from_company
FROM capex_facts f
JOIN documents d ON d.id = f.document_id
WHERE f.kind = 'guidance' AND f.company IS NOT NULL
WINDOW w AS (
    PARTITION BY f.company, f.fiscal_year, f.fiscal_quarter
    ORDER BY document_day(d.published, d.fetched_at), is_company_source(d.doc_type) DESC,
        d.fetched_at, f.document_id, f.ordinal
);

-- The winner per period is picked on narrow rows first, then joined to its text: the
-- sentences and URLs of losing statements are never materialised.
CREATE OR REPLACE VIEW capex_guidance_latest AS
WITH ranked AS (
    SELECT
        f.id,
        row_number() OVER (
            PARTITION BY f.company, f.fiscal_year, f.fiscal_quarter
            -- on the day of a release, its own statement is the one shown
            ORDER BY document_day(d.published, d.fetched_at) DESC,
                is_company_source(d.doc_type) DESC, d.fetched_at DESC, f.document_id DESC,
                f.ordinal
        ) AS rank
    FROM capex_facts f
    JOIN documents d ON d.id = f.document_id
    WHERE f.kind = 'guidance' AND f.company IS NOT NULL
)
SELECT
    f.company,
    f.fiscal_year,
    f.fiscal_quarter,
    f.low_usd,
    f.high_usd,
    f.approximate,
    f.revision,
    f.prior_low_usd,
    f.prior_high_usd,
    f.sentence,
    f.document_id,
    d.url,
    d.title,
    d.publisher,
    d.published,
    d.fetched_at
FROM ranked r
JOIN capex_facts f ON f.id = r.id
JOIN documents d ON d.id = f.document_id
WHERE r.rank = 1;

CREATE OR REPLACE VIEW capex_actuals AS
SELECT
    f.company,
    f.fiscal_year,
    f.fiscal_quarter,
    f.low_usd,
    f.high_usd,
    f.approximate,
    f.sentence,
    f.char_start,
    f.char_end,
    f.document_id,
    d.url,
    d.title,
    d.publisher,
    d.published,
    d.doc_type,
    d.form
FROM capex_facts f
JOIN documents d ON d.id = f.document_id
WHERE f.kind = 'actual';

CREATE OR REPLACE VIEW ad_claims_v AS
SELECT
    c.* EXCLUDE (ordinal),
    d.url,
    d.title,
    d.publisher,
    d.published,
    d.doc_type
FROM ad_claims c
JOIN documents d ON d.id = c.document_id;

CREATE OR REPLACE VIEW stances_daily AS
SELECT
    s.target AS company,
    document_day(d.published, d.fetched_at) AS day,
    d.publisher,
    count(*) FILTER (WHERE s.stance = 'bull') AS bull,
    count(*) FILTER (WHERE s.stance = 'bear') AS bear
FROM stances s
JOIN documents d ON d.id = s.document_id
GROUP BY ALL;

CREATE OR REPLACE VIEW alerts_v AS
SELECT
    a.* EXCLUDE (event_key),
    d.title,
    d.publisher,
    a.notified_at IS NOT NULL AS notified
FROM alerts a
LEFT JOIN documents d ON d.id = a.document
ORDER BY a.created_at, a.id;
