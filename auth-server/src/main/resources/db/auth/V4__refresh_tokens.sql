-- Refresh tokens: stored as SHA-256 of 256-bit random values. Rotation: each use marks the token used and
-- issues its successor in the same family; presenting a used token again revokes the family (reuse detection).
-- A token without offline_access is bound to its session (sid) and dies with it.
CREATE TABLE refresh_tokens (
    token_hash   varchar(64)  PRIMARY KEY,
    family_id    varchar(64)  NOT NULL,
    client_id    varchar(255) NOT NULL,
    sub          varchar(64)  NOT NULL,
    sid          varchar(64)  NOT NULL,
    scope        text         NOT NULL,
    offline      boolean      NOT NULL,
    auth_time    bigint       NOT NULL,
    acr          varchar(255),
    amr          varchar(255),
    issued_at    timestamptz  NOT NULL,
    expires_at   timestamptz  NOT NULL,
    used_at      timestamptz,
    revoked_at   timestamptz
);

CREATE INDEX refresh_tokens_family ON refresh_tokens (family_id);
CREATE INDEX refresh_tokens_sid ON refresh_tokens (sid);
CREATE INDEX refresh_tokens_sub ON refresh_tokens (sub);
