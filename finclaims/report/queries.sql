-- What the report reads from the analysts' snapshot, one `-- name:` section per statement.
-- Every statement takes the company as a bound parameter; nothing is assembled from input.

-- name: companies
-- Every company the store holds a claim or an alert for, with its name when known.
SELECT t.ticker, coalesce(c.name, t.ticker) AS name
FROM (
    SELECT company AS ticker FROM capex_facts WHERE company IS NOT NULL
    UNION SELECT target FROM stances WHERE target IS NOT NULL
    UNION SELECT company FROM alerts
) t
LEFT JOIN companies c ON c.ticker = t.ticker
ORDER BY t.ticker;

-- name: guidance
SELECT h.fiscal_year, h.fiscal_quarter, h.low_usd, h.high_usd, h.approximate,
       h.previous_low_usd, h.previous_high_usd, h.stated_revision,
       coalesce(h.published, CAST(timezone('UTC', h.fetched_at) AS DATE)) AS day,
       h.url, h.title, h.publisher, h.sentence
FROM capex_guidance_history h
WHERE h.company = $company
-- time order; on one day, reports before the company's own statement, which stands last
ORDER BY day, h.from_company, h.fetched_at, h.document_id;

-- name: actuals
SELECT a.fiscal_year, a.fiscal_quarter, a.low_usd, a.high_usd, dd.day,
       a.url, a.title, a.publisher, a.form, a.sentence
FROM capex_actuals a
JOIN document_dates dd ON dd.document_id = a.document_id
WHERE a.company = $company
ORDER BY dd.day, a.fiscal_year, a.fiscal_quarter;

-- name: has_stance_trend
SELECT count(*) > 0 FROM duckdb_views() WHERE view_name = 'stance_trend';

-- name: stance_trend
-- Per-publisher rows only: the '(all)' rollup would count every sentence twice.
SELECT week, publisher, bull, bear
FROM stance_trend
WHERE company = $company AND publisher IS DISTINCT FROM '(all)'
ORDER BY week, publisher;

-- name: stance_weeks_from_daily
-- Until the weekly view exists in a store, the same figures from the daily one.
SELECT CAST(date_trunc('week', day) AS DATE) AS week, publisher,
       sum(bull)::BIGINT AS bull, sum(bear)::BIGINT AS bear
FROM stances_daily
WHERE company = $company
GROUP BY ALL
ORDER BY week, publisher;

-- name: alerts
SELECT *
FROM alerts_v
WHERE company = $company
ORDER BY published DESC NULLS LAST, created_at DESC, id DESC
LIMIT $limit;
