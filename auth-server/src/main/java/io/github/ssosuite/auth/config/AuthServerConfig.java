package io.github.ssosuite.auth.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.Optional;

/**
 * Every setting of auth-server ({@code auth.*}; environment: {@code AUTH_*}). Database addresses are
 * Quarkus's own keys ({@code quarkus.datasource.*}).
 */
@ConfigMapping(prefix = "auth")
public interface AuthServerConfig {

    /** The issuer identifier: the {@code iss} of every token and the base of discovery. */
    @WithDefault("http://localhost:8080")
    String issuer();

    PasswordHash passwordHash();

    SessionService sessionService();

    Tokens tokens();

    Logout logout();

    Cookies cookies();

    Throttling throttling();

    Keys keys();

    Registration registration();

    /** Clients created (or updated) at start, by client id: the local stack's demo RPs, an operator's fixed RPs. */
    java.util.Map<String, SeededClient> clients();

    /** Dynamic Client Registration (RFC 7591) and its checks. */
    interface Registration {

        /** Anyone may register (the local stack). Otherwise a bearer initial access token is required. */
        @WithDefault("false")
        boolean open();

        /** The initial access token (RFC 7591 §3) required when registration is not open; none: registration off. */
        Optional<String> initialAccessToken();

        /** http redirect and post-logout URIs beyond localhost. */
        @WithDefault("false")
        boolean allowHttpRedirects();

        /** http back- and front-channel logout URIs for confidential clients (checklist A8). */
        @WithDefault("false")
        boolean allowHttpLogoutUris();

        /** Logout URIs on loopback or private addresses (the local stack's demo RPs). */
        @WithDefault("false")
        boolean allowPrivateLogoutTargets();
    }

    /** A client from configuration; list values are comma-separated. */
    interface SeededClient {

        Optional<String> secret();

        Optional<String> name();

        @WithDefault("client_secret_basic")
        String tokenEndpointAuthMethod();

        Optional<java.util.List<String>> redirectUris();

        Optional<java.util.List<String>> postLogoutRedirectUris();

        @WithDefault("authorization_code,refresh_token")
        java.util.List<String> grantTypes();

        @WithDefault("openid profile email offline_access")
        String scope();

        Optional<String> backchannelLogoutUri();

        @WithDefault("true")
        boolean backchannelLogoutSessionRequired();

        Optional<String> frontchannelLogoutUri();

        @WithDefault("true")
        boolean frontchannelLogoutSessionRequired();

        @WithDefault("false")
        boolean requireConsent();
    }

    DemoUser demoUser();

    /** Where sessions live. auth-server calls it with tokens it signs itself (audience session-service). */
    interface SessionService {

        @WithDefault("http://localhost:8081")
        String url();

        @WithDefault("session-service")
        String audience();
    }

    /** Token and code lifetimes. ID and access tokens are short; sessions are long (DESIGN flow 3). */
    interface Tokens {

        @WithDefault("5M")
        java.time.Duration accessTokenLifetime();

        @WithDefault("5M")
        java.time.Duration idTokenLifetime();

        @WithDefault("60S")
        java.time.Duration codeLifetime();

        /** A refresh token without offline_access; it also dies with its session. */
        @WithDefault("12H")
        java.time.Duration refreshTokenLifetime();

        @WithDefault("30D")
        java.time.Duration offlineRefreshTokenLifetime();

        /** How long a login page may take before the pending authorization is forgotten. */
        @WithDefault("10M")
        java.time.Duration loginTimeout();

        /**
         * The audience of client_credentials tokens by scope, as {@code scope=audience} pairs separated by commas: a
         * service token's {@code aud} is the set of audiences of the scopes it carries. (A plain string, parsed by
         * {@code ScopeAudiences}: a {@code Map} with a default would give the whole default to every key.)
         */
        @WithDefault("sessions:read=session-service,sessions:write=session-service,sessions:end=session-service,"
                + "deliveries:read=logout-dispatcher,deliveries:redrive=logout-dispatcher,"
                + "keys:read=auth-server,keys:rotate=auth-server")
        String scopeAudiences();
    }

    /** Logout (DESIGN flows 4 and 6): how long the end-session endpoint waits before the redirect. */
    interface Logout {

        /** logout-dispatcher, asked when the back-channel deliveries of a logout had their first attempt. */
        @WithDefault("http://localhost:8082")
        String dispatcherUrl();

        @WithDefault("logout-dispatcher")
        String dispatcherAudience();

        /**
         * At most this long the end-session endpoint waits for every back-channel delivery of its logout to have
         * had its first attempt before redirecting (checklist D11); then it redirects anyway, retries go on. Warm,
         * the wait is the Kafka hop plus the slowest RP's answer; the first logout after a start also pays for cold
         * JVMs and the RPs' first JWKS fetch (seen here: 3-4.5 s on 2 busy cores), hence 5 s.
         */
        @WithDefault("5S")
        java.time.Duration backchannelWait();

        /** The logged-out page redirects after every front-channel iframe loaded, or after this long (E3). */
        @WithDefault("5S")
        java.time.Duration frontchannelTimeout();
    }

    interface Cookies {

        /** Secure cookies; only plain-http local runs turn it off. */
        @WithDefault("true")
        boolean secure();
    }

    /** Brute-force throttling of password logins, per account and per client IP, in Redis. */
    interface Throttling {

        @WithDefault("5")
        int maxFailuresPerAccount();

        @WithDefault("50")
        int maxFailuresPerIp();

        @WithDefault("15M")
        java.time.Duration window();
    }

    /** Signing keys: algorithm, encryption at rest, rotation. */
    interface Keys {

        /**
         * Sign through Amazon Corretto Crypto Provider (OpenSSL; measured here 2.1x the JDK's RS256 and 40x its
         * ES256 signatures) when its native library loads and passes its self-tests; false keeps the JDK's providers.
         */
        @WithDefault("true")
        boolean nativeCrypto();

        /** RS256 (every RP's default) or ES256. Applies to keys made from now on. */
        @WithDefault("RS256")
        io.github.ssosuite.contracts.keys.SigningKeys.Algorithm algorithm();

        /**
         * The key-encryption key: base64 of 32 random bytes ({@code openssl rand -base64 32}). Required; the
         * private signing keys in PostgreSQL are encrypted under it. logout-dispatcher needs the same value.
         */
        Optional<String> encryptionKey();

        /** A name for the key-encryption key, stored with every encrypted key. */
        @WithDefault("kek-1")
        String encryptionKeyId();

        /** How long a key signs before its successor takes over. */
        @WithDefault("30D")
        java.time.Duration rotationInterval();

        /** A successor is published this long before it signs (RPs refresh their JWKS cache meanwhile). */
        @WithDefault("1H")
        java.time.Duration publishAhead();

        /** A retired key stays in the JWKS this long (expired id_token_hints stay verifiable for logout). */
        @WithDefault("7D")
        java.time.Duration retention();
    }

    /** argon2id cost (RFC 9106; the defaults are OWASP's minimum: 19 MiB, 2 passes, 1 lane). */
    interface PasswordHash {

        @WithDefault("19456")
        int memoryKib();

        @WithDefault("2")
        int iterations();

        @WithDefault("1")
        int parallelism();

        /**
         * How many hashes run at once (default: one per CPU). Each holds {@code memory-kib} of memory, and more
         * at once than there are CPUs only queue up inside the JVM: 16 logins at once were 16 × 19 MiB in a small
         * heap and garbage-collection bound (benchmarks: 5-7 logins/s); the rest wait their turn instead.
         */
        java.util.OptionalInt maxConcurrent();
    }

    /** A user created at start when enabled: the local stack's demo login. Off by default. */
    interface DemoUser {

        @WithDefault("false")
        boolean enabled();

        @WithDefault("demo")
        String username();

        /** Required when enabled. */
        Optional<String> password();

        @WithDefault("demo@example.com")
        String email();
    }
}
