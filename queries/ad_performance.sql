-- What are companies and commentators claiming about ad performance (ROAS, conversions,
-- price per ad, impressions, ad revenue), most recent first?
SELECT company, metric, direction, change_pct, from_value, to_value, value, period,
       published, publisher, url, sentence
FROM ad_claims_v
ORDER BY published DESC NULLS LAST, company, metric;
