package io.github.ssosuite.contracts;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.Objects;

/** A client (RP) that joined an SSO session, and when it joined. */
public record ParticipatingClient(
        @JsonProperty("client_id") String clientId,
        @JsonProperty("joined_at") Instant joinedAt) {

    public ParticipatingClient {
        Objects.requireNonNull(clientId, "client_id");
        Objects.requireNonNull(joinedAt, "joined_at");
    }
}
