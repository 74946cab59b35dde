package io.github.ssosuite.auth.keys;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A row of {@code auth.signing_keys}. The private key never leaves this row unencrypted. */
@Entity
@Table(name = "signing_keys", schema = "auth")
public class SigningKeyEntity {

    @Id
    @Column(name = "kid")
    public String kid;

    @Column(name = "alg", nullable = false)
    public String alg;

    @Column(name = "public_jwk", nullable = false)
    public String publicJwk;

    @Column(name = "private_key_encrypted", nullable = false)
    public String privateKeyEncrypted;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "activates_at", nullable = false)
    public Instant activatesAt;

    @Column(name = "retires_at")
    public Instant retiresAt;

    @Column(name = "expires_at")
    public Instant expiresAt;

    @Override
    public String toString() {
        return "SigningKey[kid=" + kid + ", alg=" + alg + "]";
    }
}
