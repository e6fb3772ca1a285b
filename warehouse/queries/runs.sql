-- Statements of runs.py.

-- name: start
INSERT INTO runs (run_id, started_at, status, params) VALUES ($run_id, now(), 'running', $params);

-- name: finish
UPDATE runs SET finished_at = now(), status = $status, counts = $counts, errors = $errors
WHERE run_id = $run_id
RETURNING run_id;

-- name: running
SELECT run_id, json_extract_string(params, '$.host') AS host,
       CAST(json_extract(params, '$.pid') AS BIGINT) AS pid
FROM runs
WHERE status = 'running';

-- name: abandon
UPDATE runs SET finished_at = now(), status = 'abandoned', errors = $errors
WHERE run_id = $run_id AND status = 'running';
