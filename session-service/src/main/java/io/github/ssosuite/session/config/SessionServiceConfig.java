package io.github.ssosuite.session.config;

import io.github.ssosuite.contracts.Topics;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/**
 * Every setting of session-service ({@code session.*}; environment: {@code SESSION_*}). Redis and Kafka
 * addresses are Quarkus's own keys ({@code quarkus.redis.hosts}, {@code quarkus.redis.client-type},
 * {@code kafka.bootstrap.servers}).
 */
@ConfigMapping(prefix = "session")
public interface SessionServiceConfig {

    /** Sliding lifetime: a session not touched for this long ends (reason {@code expired}). */
    @WithDefault("30M")
    Duration idleTimeout();

    /** Hard lifetime from login: touching never extends a session past this. */
    @WithDefault("10H")
    Duration absoluteTimeout();

    Redis redis();

    Expiry expiry();

    Events events();

    interface Redis {

        /** Prefix inside every key's hash tag, so several suites can share one Redis (Cluster). */
        @WithDefault("sso")
        String keyPrefix();

        /**
         * Shards (hash tags) the sessions are spread over; each user's sessions live in one. Fixed for the life
         * of the data: changing it makes existing sessions unreachable.
         */
        @WithDefault("8")
        int shards();

        /** How long an ended session's id is remembered (idempotent ending answers with the same event id). */
        @WithDefault("1H")
        Duration endedRetention();

        /**
         * Redis keeps a session record this long past its expiry before deleting it itself: a safety net for
         * memory. The expiry sweeper ends sessions long before, so their events carry the full record.
         */
        @WithDefault("1H")
        Duration expiryGrace();
    }

    interface Expiry {

        /** How often expired sessions are looked for: the bound on how late an expiry event can be. */
        @WithDefault("1S")
        Duration sweepInterval();

        /** Sessions ended per shard per sweep. */
        @WithDefault("200")
        int batchSize();
    }

    interface Events {

        /** The Kafka topic that receives {@code SessionEnded} events. */
        @WithDefault(Topics.SESSION_ENDED)
        String topic();

        /** How long the relay waits for new outbox entries before looking again (a signal wakes it sooner). */
        @WithDefault("500MS")
        Duration relayPollInterval();

        /** Outbox entries read per shard per round. */
        @WithDefault("200")
        int relayBatchSize();

        /** An entry another relay took but did not publish for this long is taken over (that relay died). */
        @WithDefault("30S")
        Duration relayClaimAfter();

        /** How long one publish may wait for Kafka's acknowledgement before the round is retried. */
        @WithDefault("10S")
        Duration publishTimeout();
    }
}
