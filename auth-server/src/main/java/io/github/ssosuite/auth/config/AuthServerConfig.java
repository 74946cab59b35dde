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

    Keys keys();

    DemoUser demoUser();

    /** Signing keys: algorithm, encryption at rest, rotation. */
    interface Keys {

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
