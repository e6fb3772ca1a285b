-- Statements of runs.py.

-- name: start
INSERT INTO runs (run_id, started_at, status, params) VALUES ($run_id, now(), 'running', $params);

-- name: finish
UPDATE runs SET finished_at = now(), status = $status, counts = $counts, errors = $errors
WHERE run_id = $run_id
RETURNING run_id;
