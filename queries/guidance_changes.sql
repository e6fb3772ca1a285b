-- When did each company's capex outlook change, from what to what, and who said so?
-- Every guidance event in time order, with the prior range and both sources.
SELECT
    company,
    fiscal_year,
    event,
    round(prior_low_usd / 1e9, 1) AS prior_low_bn,
    round(prior_high_usd / 1e9, 1) AS prior_high_bn,
    round(low_usd / 1e9, 1) AS low_bn,
    round(high_usd / 1e9, 1) AS high_bn,
    published,
    url,
    prior_url
FROM alerts_v
ORDER BY published, company, fiscal_year;
