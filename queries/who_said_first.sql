-- Who reported each capex figure first, how many independent sources repeated it, and
-- which reported figures the company itself never stated (possible errors or scoops).
SELECT
    company,
    fiscal_year,
    kind,
    round(low_usd / 1e9, 1) AS low_bn,
    round(high_usd / 1e9, 1) AS high_bn,
    sources,
    first_source,
    first_day,
    stated_by_company,
    contradicts_company,
    first_url
FROM claims_corroboration
WHERE fiscal_year IS NOT NULL
ORDER BY company, fiscal_year, first_day;
