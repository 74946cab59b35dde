package io.github.ssosuite.auth.client;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * A relying party (table {@code auth.clients}); logout-dispatcher reads the logout metadata of the same table.
 * List-valued metadata is kept as JSON arrays ({@link ClientMetadata} reads and writes them).
 */
@Entity
@Table(name = "clients", schema = "auth")
public class ClientEntity extends io.quarkus.hibernate.reactive.panache.PanacheEntityBase {

    @Id
    @Column(name = "client_id")
    public String clientId;

    @Column(name = "client_secret_hash")
    public String clientSecretHash;

    @Column(name = "client_name")
    public String clientName;

    @Column(name = "token_endpoint_auth_method", nullable = false)
    public String tokenEndpointAuthMethod;

    @Column(name = "redirect_uris", nullable = false)
    public String redirectUris;

    @Column(name = "post_logout_redirect_uris", nullable = false)
    public String postLogoutRedirectUris;

    @Column(name = "grant_types", nullable = false)
    public String grantTypes;

    @Column(name = "response_types", nullable = false)
    public String responseTypes;

    @Column(name = "scope", nullable = false)
    public String scope;

    @Column(name = "backchannel_logout_uri")
    public String backchannelLogoutUri;

    @Column(name = "backchannel_logout_session_required", nullable = false)
    public boolean backchannelLogoutSessionRequired;

    @Column(name = "frontchannel_logout_uri")
    public String frontchannelLogoutUri;

    @Column(name = "frontchannel_logout_session_required", nullable = false)
    public boolean frontchannelLogoutSessionRequired;

    @Column(name = "require_consent", nullable = false)
    public boolean requireConsent;

    @Column(name = "registration_access_token_hash")
    public String registrationAccessTokenHash;

    @Column(name = "seeded", nullable = false)
    public boolean seeded;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Override
    public String toString() {
        return "Client[" + clientId + "]";
    }
}
