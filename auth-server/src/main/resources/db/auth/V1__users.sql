-- auth-server owns the schema "auth". Users: id is the stable subject (sub) of their tokens.
CREATE TABLE users (
    id              varchar(64)  PRIMARY KEY,
    username        varchar(255) NOT NULL,
    email           varchar(320),
    email_verified  boolean      NOT NULL DEFAULT false,
    password_hash   varchar(255) NOT NULL,
    disabled        boolean      NOT NULL DEFAULT false,
    created_at      timestamptz  NOT NULL,
    updated_at      timestamptz  NOT NULL,
    CONSTRAINT users_username_unique UNIQUE (username)
);

CREATE UNIQUE INDEX users_email_unique ON users (lower(email)) WHERE email IS NOT NULL;
