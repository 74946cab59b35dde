package io.github.ssosuite.session.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.github.ssosuite.contracts.ParticipatingClient;
import io.github.ssosuite.session.model.EndResult;
import io.github.ssosuite.session.model.Session;

import java.time.Instant;
import java.util.List;

/** The JSON shapes of the API (snake_case, times as RFC 3339 except {@code auth_time}, seconds as in OIDC). */
public final class ApiViews {

    private ApiViews() {
    }

    /** Body of {@code POST /sessions}. */
    public record CreateSession(
            @JsonProperty("sub") String sub,
            @JsonProperty("auth_time") Long authTime,
            @JsonProperty("amr") List<String> amr,
            @JsonProperty("acr") String acr,
            @JsonProperty("user_agent") String userAgent,
            @JsonProperty("ip") String ip,
            @JsonProperty("client_id") String clientId) {
    }

    /** Body of {@code POST /sessions/{sid}/authentication}. */
    public record Reauthentication(
            @JsonProperty("auth_time") Long authTime,
            @JsonProperty("amr") List<String> amr,
            @JsonProperty("acr") String acr) {
    }

    /** Body of {@code POST /sessions/{sid}/clients}. */
    public record JoinClient(@JsonProperty("client_id") String clientId) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SessionView(
            @JsonProperty("sid") String sid,
            @JsonProperty("sub") String sub,
            @JsonProperty("auth_time") long authTime,
            @JsonProperty("amr") List<String> amr,
            @JsonProperty("acr") String acr,
            @JsonProperty("created_at") Instant createdAt,
            @JsonProperty("last_seen_at") Instant lastSeenAt,
            @JsonProperty("idle_expires_at") Instant idleExpiresAt,
            @JsonProperty("absolute_expires_at") Instant absoluteExpiresAt,
            @JsonProperty("user_agent") String userAgent,
            @JsonProperty("ip") String ip,
            @JsonProperty("browser_state") String browserState,
            @JsonProperty("clients") List<ParticipatingClient> clients) {

        static SessionView of(Session s) {
            return new SessionView(s.sid(), s.sub(), s.authTime().getEpochSecond(), s.amr(), s.acr(), s.createdAt(),
                    s.lastSeenAt(), s.idleExpiresAt(), s.absoluteExpiresAt(), s.userAgent(), s.ip(), s.browserState(),
                    s.clients());
        }
    }

    /** Answer of every ending: sessions ended by this call, and the events that notify their clients. */
    public record Ended(@JsonProperty("sessions_ended") int sessionsEnded,
            @JsonProperty("event_ids") List<String> eventIds) {

        static Ended of(EndResult result) {
            return new Ended(result.sessionsEnded(), result.eventIds());
        }
    }
}
