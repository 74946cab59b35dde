package io.github.ssosuite.auth.token;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A row of {@code auth.refresh_tokens}: the hash of a refresh token and the grant it carries. */
@Entity
@Table(name = "refresh_tokens", schema = "auth")
public class RefreshTokenEntity extends PanacheEntityBase {

    @Id
    @Column(name = "token_hash")
    public String tokenHash;

    @Column(name = "family_id", nullable = false)
    public String familyId;

    @Column(name = "client_id", nullable = false)
    public String clientId;

    @Column(name = "sub", nullable = false)
    public String sub;

    @Column(name = "sid", nullable = false)
    public String sid;

    @Column(name = "scope", nullable = false)
    public String scope;

    @Column(name = "offline", nullable = false)
    public boolean offline;

    @Column(name = "auth_time", nullable = false)
    public long authTime;

    @Column(name = "acr")
    public String acr;

    @Column(name = "amr")
    public String amr;

    @Column(name = "issued_at", nullable = false)
    public Instant issuedAt;

    @Column(name = "expires_at", nullable = false)
    public Instant expiresAt;

    @Column(name = "used_at")
    public Instant usedAt;

    @Column(name = "revoked_at")
    public Instant revokedAt;

    @Override
    public String toString() {
        return "RefreshToken[family=" + familyId + ", client=" + clientId + "]";
    }
}
