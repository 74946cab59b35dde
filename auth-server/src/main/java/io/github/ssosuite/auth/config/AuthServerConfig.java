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

    DemoUser demoUser();

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
