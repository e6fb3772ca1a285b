-- Views for the analyst's questions: guidance as it was known on a date, actuals against
-- guidance, how many sources repeated a figure (and whether it contradicts the company),
-- and the weekly bull/bear trend.

-- Every guidance statement with the fields that order it in time (see document_day).
CREATE OR REPLACE VIEW guidance_statements AS
SELECT
    f.company,
    f.fiscal_year,
    f.fiscal_quarter,
    f.low_usd,
    f.high_usd,
    f.approximate,
    f.revision,
    f.sentence,
    f.ordinal,
    f.document_id,
    d.url,
    d.title,
    d.publisher,
    d.published,
    d.doc_type,
    document_day(d.published, d.fetched_at) AS day,
    is_company_source(d.doc_type) AS from_company,
    d.fetched_at
FROM capex_facts f
JOIN documents d ON d.id = f.document_id
WHERE f.kind = 'guidance' AND f.company IS NOT NULL AND f.fiscal_year IS NOT NULL;

-- The guidance as it was known at the end of `as_of` (a DATE or 'YYYY-MM-DD'), for
-- back-testing: SELECT * FROM capex_guidance_asof(DATE '2026-05-01').
CREATE OR REPLACE MACRO capex_guidance_asof(as_of) AS TABLE
SELECT
    company,
    fiscal_year,
    fiscal_quarter,
    low_usd,
    high_usd,
    approximate,
    sentence,
    document_id,
    url,
    publisher,
    day AS known_since
FROM guidance_statements
WHERE day <= CAST(as_of AS DATE)
QUALIFY row_number() OVER (
    PARTITION BY company, fiscal_year, fiscal_quarter
    ORDER BY day DESC, from_company DESC, fetched_at DESC, document_id DESC, ordinal
) = 1;

-- Full-year actual capex beside the company's last full-year guidance before it was
-- reported. The company's own figures (filings, XBRL, releases) are preferred over reports.
CREATE OR REPLACE VIEW capex_actual_vs_guidance AS
WITH actuals AS (
    SELECT
        f.company,
        f.fiscal_year,
        f.low_usd AS actual_usd,
        f.document_id AS actual_document_id,
        d.url AS actual_url,
        document_day(d.published, d.fetched_at) AS actual_day
    FROM capex_facts f
    JOIN documents d ON d.id = f.document_id
    WHERE f.kind = 'actual' AND f.fiscal_quarter IS NULL AND f.company IS NOT NULL
      AND f.fiscal_year IS NOT NULL AND f.low_usd IS NOT NULL
    QUALIFY row_number() OVER (
        PARTITION BY f.company, f.fiscal_year
        ORDER BY is_company_source(d.doc_type) DESC, actual_day DESC, d.fetched_at DESC,
            f.ordinal
    ) = 1
),
full_year_guidance AS (
    SELECT * FROM guidance_statements WHERE fiscal_quarter IS NULL AND from_company
)
SELECT
    a.company,
    a.fiscal_year,
    a.actual_usd,
    g.low_usd AS guidance_low_usd,
    g.high_usd AS guidance_high_usd,
    (g.low_usd + coalesce(g.high_usd, g.low_usd)) / 2 AS guidance_mid_usd,
    round(100 * (a.actual_usd / ((g.low_usd + coalesce(g.high_usd, g.low_usd)) / 2) - 1), 2)
        AS vs_midpoint_pct,
    CASE
        WHEN g.low_usd IS NULL THEN NULL
        WHEN a.actual_usd < g.low_usd THEN 'below'
        WHEN g.high_usd IS NOT NULL AND a.actual_usd > g.high_usd THEN 'above'
        ELSE 'within'
    END AS outcome,
    g.day AS guidance_day,
    g.url AS guidance_url,
    g.sentence AS guidance_sentence,
    a.actual_day,
    a.actual_url,
    a.actual_document_id
FROM actuals a
ASOF LEFT JOIN full_year_guidance g
    ON a.company = g.company AND a.fiscal_year = g.fiscal_year AND a.actual_day >= g.day;

-- Each distinct figure (company, period, kind, range to the nearest $1M) with how many
-- independent sources (publishers, else hosts) stated it, the earliest and the company's
-- own statement, and a flag when the company stated a different figure and never this one.
CREATE OR REPLACE VIEW claims_corroboration AS
WITH figures AS (
    SELECT
        f.company,
        f.fiscal_year,
        f.fiscal_quarter,
        f.kind,
        f.low_usd,
        f.high_usd,
        round(coalesce(f.low_usd, -1) / 1e6) AS low_key,
        round(coalesce(f.high_usd, -1) / 1e6) AS high_key,
        coalesce(d.publisher, regexp_extract(d.url, '^[a-zA-Z]+://([^/]+)', 1)) AS source_name,
        d.url,
        document_day(d.published, d.fetched_at) AS day,
        is_company_source(d.doc_type) AS from_company,
        d.fetched_at
    FROM capex_facts f
    JOIN documents d ON d.id = f.document_id
    WHERE f.company IS NOT NULL
),
grouped AS (
    SELECT
        company,
        fiscal_year,
        fiscal_quarter,
        kind,
        any_value(low_usd) AS low_usd,
        any_value(high_usd) AS high_usd,
        count(DISTINCT source_name) AS sources,
        count(*) AS mentions,
        min(day) AS first_day,
        arg_min(url, {'day': day, 'at': fetched_at}) AS first_url,
        arg_min(source_name, {'day': day, 'at': fetched_at}) AS first_source,
        bool_or(from_company) AS stated_by_company,
        arg_min(url, {'day': day, 'at': fetched_at}) FILTER (WHERE from_company) AS company_url
    FROM figures
    GROUP BY company, fiscal_year, fiscal_quarter, kind, low_key, high_key
)
SELECT
    *,
    NOT stated_by_company AND bool_or(stated_by_company) OVER (
        PARTITION BY company, kind, fiscal_year, fiscal_quarter
    ) AS contradicts_company
FROM grouped;

-- Bull and bear sentences per company per ISO week, per publisher and over all publishers
-- (publisher = '(all)'); net = bull - bear, net_share = net / (bull + bear).
CREATE OR REPLACE VIEW stance_trend AS
WITH tagged AS (
    SELECT
        s.target AS company,
        CAST(date_trunc('week', document_day(d.published, d.fetched_at)) AS DATE) AS week,
        coalesce(d.publisher, regexp_extract(d.url, '^[a-zA-Z]+://([^/]+)', 1)) AS publisher,
        s.stance
    FROM stances s
    JOIN documents d ON d.id = s.document_id
    WHERE s.target IS NOT NULL
),
counted AS (
    SELECT
        company,
        week,
        CASE WHEN grouping(publisher) = 1 THEN '(all)' ELSE publisher END AS publisher,
        count(*) FILTER (WHERE stance = 'bull') AS bull,
        count(*) FILTER (WHERE stance = 'bear') AS bear
    FROM tagged
    GROUP BY GROUPING SETS ((company, week, publisher), (company, week))
)
SELECT *, bull - bear AS net, round((bull - bear) / (bull + bear), 3) AS net_share
FROM counted;
