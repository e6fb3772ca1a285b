-- Core tables: documents (one row per version of a URL), the facts extracted from them,
-- runs, crawl log, companies and guidance alerts. Facts carry document_id + char offsets
-- so every number can be traced back to its sentence, document and URL.

CREATE SEQUENCE capex_facts_seq;
CREATE SEQUENCE ad_claims_seq;
CREATE SEQUENCE stances_seq;
CREATE SEQUENCE crawl_log_seq;
CREATE SEQUENCE alerts_seq;

CREATE TABLE documents (
    id              VARCHAR PRIMARY KEY,
    url             VARCHAR NOT NULL,
    canonical_url   VARCHAR NOT NULL,
    version         INTEGER NOT NULL,      -- 1, 2, ... per canonical_url, in load order
    source          VARCHAR NOT NULL,
    publisher       VARCHAR,
    title           VARCHAR,
    author          VARCHAR,
    published       DATE,
    fetched_at      TIMESTAMPTZ NOT NULL,
    doc_type        VARCHAR NOT NULL,
    language        VARCHAR,
    cik             VARCHAR,
    ticker          VARCHAR,
    form            VARCHAR,
    items           VARCHAR[],
    accession       VARCHAR,
    filing_date     DATE,
    content_hash    VARCHAR NOT NULL,
    text            VARCHAR NOT NULL,
    html            VARCHAR,
    stance          VARCHAR,               -- document stance: bull / bear / mixed / neutral
    run_id          VARCHAR,               -- run that first stored this version
    extracted_run_id VARCHAR,              -- run that produced the current facts
    UNIQUE (canonical_url, content_hash)
);

CREATE TABLE capex_facts (
    id              BIGINT PRIMARY KEY DEFAULT nextval('capex_facts_seq'),
    document_id     VARCHAR NOT NULL,
    ordinal         INTEGER NOT NULL,      -- position in the extraction: "first statement" wins
    company         VARCHAR,
    fiscal_year     INTEGER,
    fiscal_quarter  INTEGER,
    low_usd         DOUBLE,
    high_usd        DOUBLE,
    approximate     BOOLEAN NOT NULL,
    kind            VARCHAR NOT NULL,
    revision        VARCHAR,
    prior_low_usd   DOUBLE,
    prior_high_usd  DOUBLE,
    sentence        VARCHAR NOT NULL,
    char_start      INTEGER,
    char_end        INTEGER,
    run_id          VARCHAR
);

CREATE TABLE ad_claims (
    id              BIGINT PRIMARY KEY DEFAULT nextval('ad_claims_seq'),
    document_id     VARCHAR NOT NULL,
    ordinal         INTEGER NOT NULL,
    company         VARCHAR,
    metric          VARCHAR NOT NULL,
    direction       VARCHAR,
    change_pct      DOUBLE,
    from_value      DOUBLE,
    to_value        DOUBLE,
    value           DOUBLE,
    period          VARCHAR,
    sentence        VARCHAR NOT NULL,
    char_start      INTEGER,
    char_end        INTEGER,
    run_id          VARCHAR
);

CREATE TABLE stances (
    id              BIGINT PRIMARY KEY DEFAULT nextval('stances_seq'),
    document_id     VARCHAR NOT NULL,
    ordinal         INTEGER NOT NULL,
    stance          VARCHAR NOT NULL,
    target          VARCHAR,
    cue             VARCHAR,
    sentence        VARCHAR NOT NULL,
    char_start      INTEGER,
    char_end        INTEGER,
    run_id          VARCHAR
);

CREATE TABLE companies (
    ticker          VARCHAR PRIMARY KEY,
    cik             VARCHAR,
    name            VARCHAR NOT NULL,
    aliases         VARCHAR[]
);

CREATE TABLE runs (
    run_id          VARCHAR PRIMARY KEY,
    started_at      TIMESTAMPTZ NOT NULL,
    finished_at     TIMESTAMPTZ,
    status          VARCHAR NOT NULL,
    params          JSON,
    counts          JSON,
    errors          JSON
);

CREATE TABLE crawl_log (
    id              BIGINT PRIMARY KEY DEFAULT nextval('crawl_log_seq'),
    run_id          VARCHAR,
    url             VARCHAR NOT NULL,
    spider          VARCHAR NOT NULL,
    status          VARCHAR NOT NULL,
    http_status     INTEGER,
    reason          VARCHAR,
    document_id     VARCHAR,
    "at"            TIMESTAMPTZ NOT NULL
);

-- Documents whose guidance facts detect_guidance_changes has already compared.
-- Re-extracting a document removes its row so the new facts are examined again.
CREATE TABLE guidance_examined (
    document_id     VARCHAR PRIMARY KEY,
    run_id          VARCHAR,
    examined_at     TIMESTAMPTZ NOT NULL
);

CREATE TABLE alerts (
    id              BIGINT PRIMARY KEY DEFAULT nextval('alerts_seq'),
    event_key       VARCHAR NOT NULL UNIQUE,   -- same statement in same document = same event
    company         VARCHAR NOT NULL,
    fiscal_year     INTEGER NOT NULL,
    fiscal_quarter  INTEGER,
    event           VARCHAR NOT NULL,
    low_usd         DOUBLE,
    high_usd        DOUBLE,
    prior_low_usd   DOUBLE,
    prior_high_usd  DOUBLE,
    document        VARCHAR NOT NULL,
    url             VARCHAR NOT NULL,
    published       DATE,
    sentence        VARCHAR NOT NULL,
    prior_document  VARCHAR,
    prior_url       VARCHAR,
    created_at      TIMESTAMPTZ NOT NULL,
    run_id          VARCHAR,
    notified_at     TIMESTAMPTZ
);
