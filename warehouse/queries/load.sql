-- Statements of load.py. Batch rows arrive as registered Arrow tables named batch_*.

-- name: orphan_extractions
SELECT DISTINCT document_id FROM batch_extractions
WHERE document_id NOT IN (SELECT id FROM batch_documents)
  AND document_id NOT IN (SELECT id FROM documents)
ORDER BY document_id
LIMIT 5;

-- name: document_stats
WITH b AS (SELECT DISTINCT id, canonical_url FROM batch_documents),
     fresh AS (SELECT * FROM b WHERE id NOT IN (SELECT id FROM documents))
SELECT
    (SELECT count(*) FROM b) - (SELECT count(*) FROM fresh) AS unchanged,
    (SELECT count(DISTINCT canonical_url) FROM fresh
      WHERE canonical_url NOT IN (SELECT canonical_url FROM documents)) AS new_urls,
    (SELECT count(*) FROM fresh) AS fresh;

-- name: insert_documents
INSERT INTO documents (
    id, url, canonical_url, version, source, publisher, title, author, published,
    fetched_at, doc_type, language, cik, ticker, form, items, accession, filing_date,
    content_hash, text, html, run_id
)
SELECT
    b.id, b.url, b.canonical_url,
    coalesce(known.max_version, 0)
        + row_number() OVER (PARTITION BY b.canonical_url ORDER BY b.fetched_at, b.ord),
    b.source, b.publisher, b.title, b.author, b.published,
    b.fetched_at, b.doc_type, b.language, b.cik, b.ticker, b.form, b.items, b.accession,
    b.filing_date, b.content_hash, b.text, b.html, $run_id
FROM (
    SELECT * FROM batch_documents
    QUALIFY row_number() OVER (PARTITION BY id ORDER BY ord) = 1
) AS b
LEFT JOIN (
    SELECT canonical_url, max(version) AS max_version FROM documents GROUP BY canonical_url
) AS known USING (canonical_url)
WHERE b.id NOT IN (SELECT id FROM documents);

-- name: set_document_stance
UPDATE documents SET stance = e.stance, extracted_run_id = $run_id
FROM batch_extractions AS e
WHERE documents.id = e.document_id;

-- name: delete_capex
DELETE FROM capex_facts WHERE document_id IN (SELECT document_id FROM batch_extractions);

-- name: delete_ad_claims
DELETE FROM ad_claims WHERE document_id IN (SELECT document_id FROM batch_extractions);

-- name: delete_stances
DELETE FROM stances WHERE document_id IN (SELECT document_id FROM batch_extractions);

-- name: forget_examined
DELETE FROM guidance_examined
WHERE document_id IN (SELECT document_id FROM batch_extractions);

-- name: insert_capex
INSERT INTO capex_facts (
    document_id, ordinal, company, fiscal_year, fiscal_quarter, low_usd, high_usd,
    approximate, kind, revision, prior_low_usd, prior_high_usd, sentence, char_start,
    char_end, run_id
)
SELECT
    document_id, ordinal, company, fiscal_year, fiscal_quarter, low_usd, high_usd,
    approximate, kind, revision, prior_low_usd, prior_high_usd, sentence, char_start,
    char_end, $run_id
FROM batch_capex;

-- name: insert_ad_claims
INSERT INTO ad_claims (
    document_id, ordinal, company, metric, direction, change_pct, from_value, to_value,
    value, period, sentence, char_start, char_end, run_id
)
SELECT
    document_id, ordinal, company, metric, direction, change_pct, from_value, to_value,
    value, period, sentence, char_start, char_end, $run_id
FROM batch_ad_claims;

-- name: insert_stances
INSERT INTO stances (
    document_id, ordinal, stance, target, cue, sentence, char_start, char_end, run_id
)
SELECT document_id, ordinal, stance, target, cue, sentence, char_start, char_end, $run_id
FROM batch_stances;

-- name: insert_crawl_log
INSERT INTO crawl_log (run_id, url, spider, status, http_status, reason, document_id, "at")
SELECT $run_id, b.url, b.spider, b.status, b.http_status, b.reason, b.document_id, b."at"
FROM (
    SELECT * FROM batch_crawl_log
    QUALIFY row_number() OVER (PARTITION BY url, spider, "at", status ORDER BY ord) = 1
) AS b
ANTI JOIN crawl_log AS c
    ON c.url = b.url AND c.spider = b.spider AND c."at" = b."at" AND c.status = b.status
ORDER BY b.ord;

-- name: upsert_companies
INSERT INTO companies (ticker, cik, name, aliases)
SELECT ticker, cik, name, aliases FROM (
    SELECT * FROM batch_companies
    QUALIFY row_number() OVER (PARTITION BY ticker ORDER BY ord DESC) = 1
)
ON CONFLICT (ticker) DO UPDATE SET
    cik = excluded.cik, name = excluded.name, aliases = excluded.aliases;
