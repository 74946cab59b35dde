package io.github.ssosuite.contracts;

/**
 * The Kafka topics of the suite. One topic carries ended sessions (key: {@code sid}); the dispatcher owns a
 * retry topic and a dead-letter topic for deliveries that failed. The names carry the schema's major
 * version, so an incompatible schema gets a new topic instead of breaking consumers in place.
 */
public final class Topics {

    /** {@link SessionEnded} events, keyed by {@code sid}, published by session-service's outbox relay. */
    public static final String SESSION_ENDED = "sso.session-ended.v1";

    /** Back-channel deliveries waiting for another attempt, owned by logout-dispatcher. */
    public static final String LOGOUT_DELIVERY_RETRY = "sso.logout-delivery-retry.v1";

    /** Back-channel deliveries that failed for the whole retry window; re-driven by operators. */
    public static final String LOGOUT_DELIVERY_DEAD_LETTER = "sso.logout-delivery-dlq.v1";

    /** Every topic the suite needs, in the order they should be created. */
    public static final java.util.List<String> ALL =
            java.util.List.of(SESSION_ENDED, LOGOUT_DELIVERY_RETRY, LOGOUT_DELIVERY_DEAD_LETTER);

    private Topics() {
    }
}
