-- Every address a stored document is known by: its canonical URL, the URL it was fetched
-- from, and the addresses of copies the spiders recognised (a syndicated article on another
-- site is stored once; the crawl log links each copy's URL to the stored document).
CREATE OR REPLACE VIEW document_urls AS
SELECT id AS document_id, canonical_url AS url, 'canonical' AS relation, fetched_at AS seen_at
FROM documents
UNION
SELECT id, url, 'fetched', fetched_at
FROM documents
WHERE url <> canonical_url
UNION
SELECT c.document_id, c.url, 'copy', min(c."at")
FROM crawl_log c
JOIN documents d ON d.id = c.document_id
WHERE c.url <> d.url AND c.url <> d.canonical_url
GROUP BY c.document_id, c.url;
