package io.github.ssosuite.dispatcher.keys;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A row of auth-server's {@code auth.signing_keys}, read only: the OP signs logout tokens with its active key. */
@Entity
@Table(name = "signing_keys", schema = "auth")
public class OpSigningKey {

    @Id
    @Column(name = "kid")
    public String kid;

    @Column(name = "alg")
    public String alg;

    @Column(name = "private_key_encrypted")
    public String privateKeyEncrypted;

    @Column(name = "activates_at")
    public Instant activatesAt;

    @Column(name = "retires_at")
    public Instant retiresAt;

    @Override
    public String toString() {
        return "OpSigningKey[" + kid + "]";
    }
}
