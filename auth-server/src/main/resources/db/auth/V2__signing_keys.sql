-- The OP's signing keys (ID tokens, access tokens, logout tokens). The private key is encrypted under the
-- key-encryption key from configuration (contracts KeyEncryption); the public JWK is served at jwks_uri.
-- A key is published from created_at, signs from activates_at until retires_at, and is published until
-- expires_at (so tokens and id_token_hints it signed can still be verified).
CREATE TABLE signing_keys (
    kid                    varchar(64)  PRIMARY KEY,
    alg                    varchar(16)  NOT NULL,
    public_jwk             text         NOT NULL,
    private_key_encrypted  text         NOT NULL,
    created_at             timestamptz  NOT NULL,
    activates_at           timestamptz  NOT NULL,
    retires_at             timestamptz,
    expires_at             timestamptz
);

CREATE INDEX signing_keys_active ON signing_keys (activates_at DESC);
