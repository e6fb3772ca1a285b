-- The two widest analyst views, rewritten for full scans of a large store (same columns,
-- same rows, same order of statements; bench/analyst_queries.py times them).
--
-- Why: ordering by a struct or by five keys, and deriving each document's source name and
-- day once per fact instead of once per document, dominated their cost. The time order of
-- 002_views.sql (day, the company's own documents first, fetched_at) is packed into one
-- BIGINT: days since 1970 (x2, plus 1 for third-party reports) times 1e14, plus the fetch
-- time in epoch milliseconds (below 1e14 until the year 5138).

CREATE OR REPLACE VIEW capex_guidance_history AS
WITH ordered AS (
    SELECT
        f.*,
        d.url, d.title, d.publisher, d.published, d.fetched_at,
        is_company_source(d.doc_type) AS from_company,
        ((document_day(d.published, d.fetched_at) - DATE '1970-01-01')::BIGINT * 2
            + CASE WHEN is_company_source(d.doc_type) THEN 0 ELSE 1 END) * 100000000000000
            + epoch_ms(d.fetched_at) AS said_order
    FROM capex_facts f
    JOIN documents d ON d.id = f.document_id
    WHERE f.kind = 'guidance' AND f.company IS NOT NULL
)
SELECT
    company, fiscal_year, fiscal_quarter, low_usd, high_usd, approximate,
    lag(low_usd) OVER w  AS previous_low_usd,
    lag(high_usd) OVER w AS previous_high_usd,
    lag(document_id) OVER w AS previous_document_id,
    revision AS stated_revision,
    prior_low_usd AS stated_prior_low_usd,
    prior_high_usd AS stated_prior_high_usd,
    sentence, char_start, char_end, document_id,
    url, title, publisher, published, fetched_at, from_company
FROM ordered
WINDOW w AS (PARTITION BY company, fiscal_year, fiscal_quarter ORDER BY said_order, document_id, ordinal);

-- Each distinct figure (company, period, kind, range to the nearest $1M) with how many
-- independent sources (publishers, else hosts) stated it, the earliest and the company's
-- own statement, and a flag when the company stated a different figure and never this one.
CREATE OR REPLACE VIEW claims_corroboration AS
WITH sources AS (
    SELECT
        id,
        url,
        coalesce(publisher, regexp_extract(url, '^[a-zA-Z]+://([^/]+)', 1)) AS source_name,
        document_day(published, fetched_at) AS day,
        is_company_source(doc_type) AS from_company,
        (document_day(published, fetched_at) - DATE '1970-01-01')::BIGINT * 100000000000000
            + epoch_ms(fetched_at) AS seen_order
    FROM documents
),
figures AS (
    SELECT
        f.company, f.fiscal_year, f.fiscal_quarter, f.kind, f.low_usd, f.high_usd,
        round(coalesce(f.low_usd, -1) / 1e6) AS low_key,
        round(coalesce(f.high_usd, -1) / 1e6) AS high_key,
        d.source_name, d.url, d.day, d.from_company, d.seen_order
    FROM capex_facts f
    JOIN sources d ON d.id = f.document_id
    WHERE f.company IS NOT NULL
),
grouped AS (
    SELECT
        company, fiscal_year, fiscal_quarter, kind,
        any_value(low_usd) AS low_usd,
        any_value(high_usd) AS high_usd,
        count(DISTINCT source_name) AS sources,
        count(*) AS mentions,
        min(day) AS first_day,
        arg_min({'url': url, 'source': source_name}, seen_order) AS first,
        bool_or(from_company) AS stated_by_company,
        arg_min(url, seen_order) FILTER (WHERE from_company) AS company_url
    FROM figures
    GROUP BY company, fiscal_year, fiscal_quarter, kind, low_key, high_key
)
SELECT
    company, fiscal_year, fiscal_quarter, kind, low_usd, high_usd, sources, mentions, first_day,
    first.url AS first_url, first.source AS first_source, stated_by_company, company_url,
    NOT stated_by_company AND bool_or(stated_by_company) OVER (
        PARTITION BY company, kind, fiscal_year, fiscal_quarter
    ) AS contradicts_company
FROM grouped;
