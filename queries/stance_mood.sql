-- Is the mood turning bearish? Net bull-minus-bear sentences per company per week, over
-- all publishers, for the last twelve weeks of coverage.
SELECT company, week, bull, bear, net, net_share
FROM stance_trend
WHERE publisher = '(all)'
  AND week >= (SELECT max(week) FROM stance_trend) - INTERVAL 12 WEEK
ORDER BY company, week;
