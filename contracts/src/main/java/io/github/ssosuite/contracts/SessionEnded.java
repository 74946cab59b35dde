package io.github.ssosuite.contracts;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An SSO session ended (DESIGN flow 4). Published by session-service to {@link Topics#SESSION_ENDED} with
 * key {@code sid}; consumed by logout-dispatcher, which notifies every participating client.
 *
 * <p>{@code sid} is {@code null} for a user-wide revocation that has no single session in scope: the
 * dispatcher then sends {@code sub}-only logout tokens, once per client (checklist P5). {@code ended_sids}
 * then lists the sessions it ended (for audit and for revoking their tokens); for one session it is empty.
 *
 * <p>Schema evolution: consumers ignore unknown fields; a field is only ever added, and an incompatible change
 * bumps {@link #SCHEMA_VERSION} and the topic name.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record SessionEnded(
        @JsonProperty("schema_version") int schemaVersion,
        @JsonProperty("event_id") String eventId,
        @JsonProperty("sid") String sid,
        @JsonProperty("sub") String sub,
        @JsonProperty("reason") EndReason reason,
        @JsonProperty("clients") List<ParticipatingClient> clients,
        @JsonProperty("ended_at") Instant endedAt,
        @JsonProperty("ended_sids") List<String> endedSids) {

    public static final int SCHEMA_VERSION = 1;

    public SessionEnded {
        Objects.requireNonNull(eventId, "event_id");
        Objects.requireNonNull(sub, "sub");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(endedAt, "ended_at");
        clients = clients == null ? List.of() : List.copyOf(clients);
        endedSids = endedSids == null ? List.of() : List.copyOf(endedSids);
    }

    /** Whether this event ends all sessions of {@code sub} rather than one session. */
    public boolean userWide() {
        return sid == null;
    }

    /** The Kafka record key: the session id, or the subject for a user-wide event with no session. */
    public String partitionKey() {
        return sid != null ? sid : "sub:" + sub;
    }
}
