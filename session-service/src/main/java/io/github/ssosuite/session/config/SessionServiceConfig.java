package io.github.ssosuite.session.config;

import io.github.ssosuite.contracts.Topics;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/**
 * Every setting of session-service ({@code session.*}; environment: {@code SESSION_*}). Redis and Kafka
 * addresses are Quarkus's own keys ({@code quarkus.redis.hosts}, {@code kafka.bootstrap.servers}).
 */
@ConfigMapping(prefix = "session")
public interface SessionServiceConfig {

    /** Sliding lifetime: a session not touched for this long ends (reason {@code expired}). */
    @WithDefault("30M")
    Duration idleTimeout();

    /** Hard lifetime from login: touching never extends a session past this. */
    @WithDefault("10H")
    Duration absoluteTimeout();

    /** Prefix of every Redis key, so several suites can share one Redis. */
    @WithDefault("sso")
    String keyPrefix();

    Events events();

    interface Events {

        /** The Kafka topic that receives {@code SessionEnded} events. */
        @WithDefault(Topics.SESSION_ENDED)
        String topic();
    }
}
