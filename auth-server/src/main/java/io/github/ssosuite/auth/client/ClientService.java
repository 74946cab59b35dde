package io.github.ssosuite.auth.client;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ssosuite.auth.config.AuthServerConfig;
import io.github.ssosuite.auth.token.ScopeAudiences;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Clients: registration (RFC 7591), read-back (RFC 7592), seeding from configuration, authentication. */
@ApplicationScoped
public class ClientService {

    private static final Logger LOG = Logger.getLogger(ClientService.class);

    /** A registration's answer: the stored client, and the credentials shown once. */
    public record Registered(ClientEntity client, String clientSecret, String registrationAccessToken) {
    }

    private final AuthServerConfig config;
    private final ObjectMapper json;
    private final RegistrationRules rules;
    private final OperatorScopes operatorScopes;

    public ClientService(AuthServerConfig config, ObjectMapper json) {
        this.config = config;
        this.json = json;
        var r = config.registration();
        this.rules = new RegistrationRules(r.allowHttpRedirects(), r.allowHttpLogoutUris(), r.allowPrivateLogoutTargets());
        this.operatorScopes = new OperatorScopes(
                ScopeAudiences.parse(config.tokens().scopeAudiences()).keySet());
    }

    /** The scopes {@code client} may be granted (operator scopes only for operator-configured clients). */
    public List<String> grantableScopes(ClientEntity client) {
        return operatorScopes.grantable(client.scope, client.seeded);
    }

    public RegistrationRules rules() {
        return rules;
    }

    /** The OP's own account page signs users in through the code flow like any RP; its code is never redeemed. */
    public static final String ACCOUNT_CONSOLE = "account";

    public String accountConsoleRedirectUri() {
        return config.issuer() + "/account/callback";
    }

    void seed(@Observes StartupEvent event) throws Throwable {
        for (var entry : config.clients().entrySet()) {
            VertxContextSupport.subscribeAndAwait(() -> seedOne(entry.getKey(), entry.getValue()));
        }
        VertxContextSupport.subscribeAndAwait(this::seedAccountConsole);
    }

    private Uni<Void> seedAccountConsole() {
        ClientMetadata metadata = new ClientMetadata("Your account", List.of(accountConsoleRedirectUri()), List.of(),
                List.of("authorization_code"), List.of("code"), "client_secret_basic", "openid", null, false, null, false);
        return Panache.withTransaction(() -> ClientEntity.<ClientEntity>findById(ACCOUNT_CONSOLE).chain(existing -> {
            ClientEntity client = existing != null ? existing : new ClientEntity();
            client.clientId = ACCOUNT_CONSOLE;
            client.seeded = true;
            client.clientSecretHash = Secrets.hash(Secrets.random(32)); // no one holds it: no token is ever redeemed
            apply(client, metadata);
            return (existing != null ? Uni.createFrom().item(client) : client.persist()).replaceWithVoid();
        }));
    }

    private Uni<Void> seedOne(String clientId, AuthServerConfig.SeededClient seed) {
        ClientMetadata metadata = rules.check(new ClientMetadata(seed.name().orElse(clientId),
                seed.redirectUris().orElse(List.of()), seed.postLogoutRedirectUris().orElse(List.of()),
                seed.grantTypes(), null, seed.tokenEndpointAuthMethod(), seed.scope(),
                seed.backchannelLogoutUri().orElse(null), seed.backchannelLogoutSessionRequired(),
                seed.frontchannelLogoutUri().orElse(null), seed.frontchannelLogoutSessionRequired()));
        if (!metadata.isPublic() && seed.secret().isEmpty()) {
            throw new IllegalStateException("seeded client " + clientId + " needs auth.clients." + clientId + ".secret");
        }
        return Panache.withTransaction(() -> ClientEntity.<ClientEntity>findById(clientId).chain(existing -> {
            if (existing != null && !existing.seeded) {
                LOG.warnf("client %s exists and was registered, not seeded: configuration left it unchanged", clientId);
                return Uni.createFrom().voidItem();
            }
            ClientEntity client = existing != null ? existing : new ClientEntity();
            client.clientId = clientId;
            client.seeded = true;
            client.clientSecretHash = seed.secret().map(Secrets::hash).orElse(null);
            client.requireConsent = seed.requireConsent();
            apply(client, metadata);
            return (existing != null ? Uni.createFrom().item(client) : client.persist()).replaceWithVoid();
        }));
    }

    /** Registers a client (RFC 7591 §3.1); throws {@link RegistrationRules.Refused} for metadata it refuses. */
    public Uni<Registered> register(ClientMetadata requested) {
        ClientMetadata metadata = rules.check(requested);
        operatorScopes.refuseInRegistration(metadata);
        ClientEntity client = new ClientEntity();
        client.clientId = Secrets.random(16);
        String secret = metadata.isPublic() ? null : Secrets.random(32);
        String registrationToken = Secrets.random(32);
        client.clientSecretHash = secret == null ? null : Secrets.hash(secret);
        client.registrationAccessTokenHash = Secrets.hash(registrationToken);
        apply(client, metadata);
        return Panache.withTransaction(client::persist).replaceWith(new Registered(client, secret, registrationToken));
    }

    /** The client, if {@code registrationAccessToken} is its token (RFC 7592 §2.1); null otherwise. */
    public Uni<ClientEntity> readWithRegistrationToken(String clientId, String registrationAccessToken) {
        return find(clientId).map(client -> client != null
                && Secrets.matches(registrationAccessToken, client.registrationAccessTokenHash) ? client : null);
    }

    public Uni<ClientEntity> find(String clientId) {
        if (clientId == null || clientId.isEmpty() || clientId.length() > 255) {
            return Uni.createFrom().nullItem();
        }
        Cached cached = cache.get(clientId);
        if (cached != null && System.nanoTime() - cached.loadedAt() < CACHE_FOR_NANOS) {
            return Uni.createFrom().item(cached.client());
        }
        return Panache.withSession(() -> ClientEntity.<ClientEntity>findById(clientId)).invoke(found -> {
            if (found != null) {
                if (cache.size() >= CACHE_MAX) {
                    cache.clear(); // open registration can make many clients: never an unbounded map
                }
                cache.put(clientId, new Cached(found, System.nanoTime()));
            }
        });
    }

    /**
     * Clients read on every authorization and token request come from memory for {@value #CACHE_SECONDS} s (two
     * PostgreSQL round trips fewer per SSO flow). Safe because a client never changes after registration except by
     * seeding at start (RFC 7592 read-back only); an unknown client is never cached, so one registered on another
     * replica is found at once. The entity is detached: read, never written.
     */
    private static final int CACHE_SECONDS = 10;
    private static final long CACHE_FOR_NANOS = java.time.Duration.ofSeconds(CACHE_SECONDS).toNanos();
    private static final int CACHE_MAX = 10_000;

    private record Cached(ClientEntity client, long loadedAt) {
    }

    private final java.util.concurrent.ConcurrentHashMap<String, Cached> cache = new java.util.concurrent.ConcurrentHashMap<>();

    /** The clients with these ids that exist (one query). */
    public Uni<List<ClientEntity>> findAll(java.util.Collection<String> clientIds) {
        if (clientIds.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return Panache.withSession(() -> ClientEntity.<ClientEntity>list("clientId in ?1", List.copyOf(clientIds)));
    }

    /** The client's metadata as registered. */
    public ClientMetadata metadata(ClientEntity c) {
        return new ClientMetadata(c.clientName, list(c.redirectUris), list(c.postLogoutRedirectUris), list(c.grantTypes),
                list(c.responseTypes), c.tokenEndpointAuthMethod, c.scope, c.backchannelLogoutUri,
                c.backchannelLogoutSessionRequired, c.frontchannelLogoutUri, c.frontchannelLogoutSessionRequired);
    }

    public List<String> list(String jsonArray) {
        try {
            return json.readValue(jsonArray, new TypeReference<List<String>>() { });
        } catch (Exception e) {
            throw new IllegalStateException("stored client metadata is not a JSON array", e);
        }
    }

    private void apply(ClientEntity client, ClientMetadata m) {
        Instant now = Instant.now();
        client.clientName = m.clientName();
        client.tokenEndpointAuthMethod = m.tokenEndpointAuthMethod();
        client.redirectUris = toJson(m.redirectUris());
        client.postLogoutRedirectUris = toJson(m.postLogoutRedirectUris());
        client.grantTypes = toJson(m.grantTypes());
        client.responseTypes = toJson(m.responseTypes());
        client.scope = m.scope();
        client.backchannelLogoutUri = m.backchannelLogoutUri();
        client.backchannelLogoutSessionRequired = Boolean.TRUE.equals(m.backchannelLogoutSessionRequired());
        client.frontchannelLogoutUri = m.frontchannelLogoutUri();
        client.frontchannelLogoutSessionRequired = Boolean.TRUE.equals(m.frontchannelLogoutSessionRequired());
        if (client.createdAt == null) {
            client.createdAt = now;
        }
        client.updatedAt = now;
    }

    private String toJson(List<String> values) {
        try {
            return json.writeValueAsString(values);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    Map<String, AuthServerConfig.SeededClient> seeds() {
        return config.clients();
    }
}
