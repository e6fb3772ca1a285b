-- Alerts in depth: news-only guidance is marked unconfirmed until the company states it,
-- and every alert goes to every channel through an outbox with its own delivery state,
-- so a channel that is down catches up later without the others hearing it twice.

ALTER TABLE alerts ADD COLUMN unconfirmed BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE alerts ADD COLUMN confirmed_by VARCHAR;      -- primary document that confirmed it
ALTER TABLE alerts ADD COLUMN confirmed_url VARCHAR;

-- One row per (alert, channel). ``channel`` is a stable id (a hash for URL channels, never
-- the URL: Apprise URLs carry tokens); ``idempotency_key`` travels with the message so a
-- receiver can drop the duplicate that a crash between "sent" and "recorded" may cause.
CREATE TABLE alert_outbox (
    alert_id         BIGINT NOT NULL,
    channel          VARCHAR NOT NULL,
    channel_label    VARCHAR NOT NULL,             -- redacted, for people: 'json://127.0.0.1…'
    idempotency_key  VARCHAR NOT NULL UNIQUE,
    status           VARCHAR NOT NULL DEFAULT 'pending',   -- pending / sent
    attempts         INTEGER NOT NULL DEFAULT 0,
    last_error       VARCHAR,
    queued_at        TIMESTAMPTZ NOT NULL,
    last_attempt_at  TIMESTAMPTZ,
    sent_at          TIMESTAMPTZ,
    PRIMARY KEY (alert_id, channel)
);

CREATE OR REPLACE VIEW alerts_v AS
SELECT
    a.* EXCLUDE (event_key),
    d.title,
    d.publisher,
    a.notified_at IS NOT NULL AS notified
FROM alerts a
LEFT JOIN documents d ON d.id = a.document
ORDER BY a.created_at, a.id;

CREATE OR REPLACE VIEW alert_deliveries AS
SELECT
    o.alert_id, a.company, a.fiscal_year, a.event, o.channel_label, o.status, o.attempts,
    o.last_error, o.queued_at, o.last_attempt_at, o.sent_at
FROM alert_outbox o
JOIN alerts a ON a.id = o.alert_id
ORDER BY o.alert_id, o.channel_label;
