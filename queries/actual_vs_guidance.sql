-- Did companies spend what they guided? Full-year actual capex beside the last guidance
-- known before it was reported: the miss or beat in % of the guidance midpoint.
SELECT
    company,
    fiscal_year,
    round(actual_usd / 1e9, 1) AS actual_bn,
    round(guidance_low_usd / 1e9, 1) AS guided_low_bn,
    round(guidance_high_usd / 1e9, 1) AS guided_high_bn,
    vs_midpoint_pct,
    outcome,
    actual_url
FROM capex_actual_vs_guidance
ORDER BY company, fiscal_year;
