-- What did each company guide for capex, for each fiscal year, and where does it come from?
-- The latest statement per company and year, with its sentence and source URL.
SELECT
    company,
    fiscal_year,
    round(low_usd / 1e9, 1) AS low_bn,
    round(high_usd / 1e9, 1) AS high_bn,
    revision,
    published,
    publisher,
    url,
    sentence
FROM capex_guidance_latest
WHERE fiscal_quarter IS NULL
ORDER BY fiscal_year DESC, company;
