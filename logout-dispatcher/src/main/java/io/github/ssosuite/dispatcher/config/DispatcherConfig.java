package io.github.ssosuite.dispatcher.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/**
 * Every setting of logout-dispatcher ({@code dispatcher.*}; environment: {@code DISPATCHER_*}). Kafka and
 * PostgreSQL addresses are Quarkus's own keys ({@code kafka.bootstrap.servers}, {@code quarkus.datasource.*});
 * the consumer's topic and group are under {@code mp.messaging.incoming.session-ended.*}.
 */
@ConfigMapping(prefix = "dispatcher")
public interface DispatcherConfig {

    /** The OP's issuer: the {@code iss} of every logout token; must equal auth-server's {@code auth.issuer}. */
    @WithDefault("http://localhost:8080")
    String issuer();

    Keys keys();

    Delivery delivery();

    Outbound outbound();

    Guard guard();

    /**
     * Per-client overrides of the delivery defaults, by client id ({@code dispatcher.clients."<client_id>".timeout}
     * and so on): a slow RP gets a longer timeout, a critical one a longer retry window, a fragile one less
     * concurrency.
     */
    java.util.Map<String, ClientOverrides> clients();

    interface ClientOverrides {

        Optional<Duration> timeout();

        Optional<Duration> retryWindow();

        java.util.OptionalInt maxConcurrency();
    }

    /** Per RP: attempts in flight and the circuit breaker (RelyingPartyGuard). */
    interface Guard {

        /** Attempts in flight to one RP, per replica; more wait their turn (rescheduled, not failed). */
        @WithDefault("16")
        int maxConcurrency();

        /** Failed attempts in a row (no answer, timeout, 429, 5xx) that open an RP's circuit. */
        @WithDefault("5")
        int failuresToOpen();

        /** How long an open circuit sends nothing to that RP before one trial attempt. */
        @WithDefault("30S")
        Duration openFor();

        /** When an attempt held back by the concurrency limit is looked at again. */
        @WithDefault("250MS")
        Duration busyRetry();
    }

    /** The OP's signing keys, read from auth-server's table and decrypted with the same key-encryption key. */
    interface Keys {

        /**
         * Sign through Amazon Corretto Crypto Provider (OpenSSL; measured here 2.1x the JDK's RS256 and 40x its
         * ES256 signatures) when its native library loads and passes its self-tests; false keeps the JDK's providers.
         */
        @WithDefault("true")
        boolean nativeCrypto();

        /** auth-server's {@code auth.keys.encryption-key}. Required. */
        Optional<String> encryptionKey();

        @WithDefault("kek-1")
        String encryptionKeyId();
    }

    interface Delivery {

        @WithDefault("2S")
        Duration connectTimeout();

        /** The whole attempt, response included. */
        @WithDefault("5S")
        Duration timeout();

        @WithDefault("1S")
        Duration initialBackoff();

        @WithDefault("5M")
        Duration maxBackoff();

        /** After this long since the event, a delivery that still fails is dead-lettered. */
        @WithDefault("1H")
        Duration retryWindow();

        /** Logout token lifetime: BCL §4 recommends at most two minutes. */
        @WithDefault("2M")
        Duration tokenLifetime();

        /** How often due retries are looked for. */
        @WithDefault("500MS")
        Duration pollInterval();
    }

    interface Outbound {

        /** Logout URIs that resolve to loopback, private, link-local or metadata addresses (the local stack). */
        @WithDefault("false")
        boolean allowPrivateTargets();

        /** https logout URIs only. */
        @WithDefault("true")
        boolean requireHttps();
    }
}
