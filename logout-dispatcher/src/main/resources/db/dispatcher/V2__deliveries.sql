-- One row per back-channel delivery: one SessionEnded event to one relying party. The unique key makes a
-- redelivered event (rebalance, crash) find its deliveries instead of making new ones; a delivery recorded as
-- done is never sent again. status: pending (waiting for an attempt), done, failed (the RP refused: final),
-- dead (the retry window ran out; published to the dead-letter topic).
CREATE TABLE deliveries (
    id               bigserial    PRIMARY KEY,
    event_id         varchar(64)  NOT NULL,
    client_id        varchar(255) NOT NULL,
    sub              varchar(255) NOT NULL,
    sid              varchar(128),
    reason           varchar(32)  NOT NULL,
    target_uri       text         NOT NULL,
    status           varchar(16)  NOT NULL,
    attempts         integer      NOT NULL DEFAULT 0,
    last_status      integer,
    last_error       text,
    next_attempt_at  timestamptz  NOT NULL,
    created_at       timestamptz  NOT NULL,
    first_attempt_at timestamptz,
    finished_at      timestamptz,
    CONSTRAINT deliveries_event_client UNIQUE (event_id, client_id)
);

CREATE INDEX deliveries_due ON deliveries (next_attempt_at) WHERE status = 'pending';
CREATE INDEX deliveries_sub ON deliveries (sub);
CREATE INDEX deliveries_sid ON deliveries (sid) WHERE sid IS NOT NULL;
CREATE INDEX deliveries_client ON deliveries (client_id);
