-- logout-dispatcher owns the schema "dispatcher". Every SessionEnded event it has taken in, once.
CREATE TABLE received_events (
    event_id      varchar(64)  PRIMARY KEY,
    sid           varchar(128),
    sub           varchar(255) NOT NULL,
    reason        varchar(32)  NOT NULL,
    client_count  integer      NOT NULL,
    ended_at      timestamptz  NOT NULL,
    received_at   timestamptz  NOT NULL
);

CREATE INDEX received_events_sub ON received_events (sub);
CREATE INDEX received_events_sid ON received_events (sid) WHERE sid IS NOT NULL;
