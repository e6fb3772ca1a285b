-- Point in time: what was the guidance as it was known 90 days ago (for back-testing)?
-- Edit the date to ask about any other day.
SELECT
    company,
    fiscal_year,
    round(low_usd / 1e9, 1) AS low_bn,
    round(high_usd / 1e9, 1) AS high_bn,
    known_since,
    url
FROM capex_guidance_asof(current_date - INTERVAL 90 DAY)
WHERE fiscal_quarter IS NULL
ORDER BY company, fiscal_year;
