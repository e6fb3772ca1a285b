-- Statements of export.py.

-- name: relations
-- Every user table and view of the main schema (no internal bookkeeping, no temp objects).
SELECT table_name
FROM information_schema.tables
WHERE table_schema = 'main' AND table_catalog = current_database()
  AND table_name NOT IN ('guidance_examined', 'schema_version')
ORDER BY table_name;
