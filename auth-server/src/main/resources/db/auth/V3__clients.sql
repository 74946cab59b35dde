-- Relying parties (OAuth clients), registered dynamically (RFC 7591) or seeded from configuration.
-- List-valued metadata is stored as JSON arrays. client_secret_hash and registration_access_token_hash are
-- SHA-256 of high-entropy random values (never the values themselves).
CREATE TABLE clients (
    client_id                              varchar(255) PRIMARY KEY,
    client_secret_hash                     varchar(64),
    client_name                            varchar(255),
    token_endpoint_auth_method             varchar(32)  NOT NULL,
    redirect_uris                          text         NOT NULL DEFAULT '[]',
    post_logout_redirect_uris              text         NOT NULL DEFAULT '[]',
    grant_types                            text         NOT NULL DEFAULT '["authorization_code"]',
    response_types                         text         NOT NULL DEFAULT '["code"]',
    scope                                  text         NOT NULL DEFAULT 'openid',
    backchannel_logout_uri                 text,
    backchannel_logout_session_required    boolean      NOT NULL DEFAULT false,
    frontchannel_logout_uri                text,
    frontchannel_logout_session_required   boolean      NOT NULL DEFAULT false,
    require_consent                        boolean      NOT NULL DEFAULT false,
    registration_access_token_hash         varchar(64),
    seeded                                 boolean      NOT NULL DEFAULT false,
    created_at                             timestamptz  NOT NULL,
    updated_at                             timestamptz  NOT NULL
);
