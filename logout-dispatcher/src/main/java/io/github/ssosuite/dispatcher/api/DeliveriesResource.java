package io.github.ssosuite.dispatcher.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.github.ssosuite.dispatcher.delivery.DeliveryService;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The deliveries, for operators and for auth-server (scopes {@code deliveries:read}, {@code deliveries:redrive}):
 * query them by subject, session or client; follow one logout event's deliveries (waiting, bounded, until each had
 * its first attempt: the channel auth-server's end-session endpoint uses before redirecting, DESIGN flow 6);
 * re-drive a dead or failed delivery.
 */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class DeliveriesResource {

    private static final Duration MAX_WAIT = Duration.ofSeconds(10);
    private static final String COLUMNS = "id, event_id, client_id, sub, sid, reason, status, attempts, last_status, "
            + "last_error, created_at, first_attempt_at, finished_at";

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record DeliveryView(@JsonProperty("id") long id, @JsonProperty("event_id") String eventId,
            @JsonProperty("client_id") String clientId, @JsonProperty("sub") String sub, @JsonProperty("sid") String sid,
            @JsonProperty("reason") String reason, @JsonProperty("status") String status,
            @JsonProperty("attempts") int attempts, @JsonProperty("last_status") Integer lastStatus,
            @JsonProperty("last_error") String lastError, @JsonProperty("created_at") Instant createdAt,
            @JsonProperty("first_attempt_at") Instant firstAttemptAt, @JsonProperty("finished_at") Instant finishedAt) {
    }

    /** One logout event: whether the dispatcher has it, and whether every delivery had its first attempt. */
    public record LogoutProgress(@JsonProperty("event_id") String eventId, @JsonProperty("received") boolean received,
            @JsonProperty("first_attempts_done") boolean firstAttemptsDone,
            @JsonProperty("deliveries") List<DeliveryView> deliveries) {
    }

    private final Pool pool;
    private final DeliveryService deliveries;

    public DeliveriesResource(Pool pool, DeliveryService deliveries) {
        this.pool = pool;
        this.deliveries = deliveries;
    }

    @GET
    @Path("/deliveries")
    @RolesAllowed("deliveries:read")
    @Operation(summary = "Deliveries of a subject, a session or a client, newest first (at most 200)")
    public Uni<List<DeliveryView>> query(@QueryParam("sub") String sub, @QueryParam("sid") String sid,
            @QueryParam("client_id") String clientId, @QueryParam("status") String status) {
        if (sub == null && sid == null && clientId == null && status == null) {
            throw new WebApplicationException(problem(400, "give sub, sid, client_id or status"));
        }
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM dispatcher.deliveries WHERE ($1::text IS NULL OR sub = $1) "
                        + "AND ($2::text IS NULL OR sid = $2) AND ($3::text IS NULL OR client_id = $3) "
                        + "AND ($4::text IS NULL OR status = $4) ORDER BY created_at DESC, id DESC LIMIT 200")
                .execute(Tuple.of(sub, sid, clientId, status)).map(DeliveriesResource::views);
    }

    @GET
    @Path("/logouts/{eventId}")
    @RolesAllowed("deliveries:read")
    @Operation(summary = "A logout event's deliveries; with wait (ISO-8601, at most PT10S), until each had its first attempt")
    public Uni<LogoutProgress> progress(@PathParam("eventId") String eventId, @QueryParam("wait") String wait) {
        Duration bound = Duration.ZERO;
        if (wait != null) {
            try {
                bound = Duration.parse(wait);
            } catch (Exception e) {
                throw new WebApplicationException(problem(400, "wait must be an ISO-8601 duration such as PT3S"));
            }
            if (bound.isNegative() || bound.compareTo(MAX_WAIT) > 0) {
                throw new WebApplicationException(problem(400, "wait must be between PT0S and PT10S"));
            }
        }
        return poll(eventId, Instant.now().plus(bound));
    }

    private Uni<LogoutProgress> poll(String eventId, Instant deadline) {
        return load(eventId).chain(progress -> progress.firstAttemptsDone() || !Instant.now().isBefore(deadline)
                ? Uni.createFrom().item(progress)
                : Uni.createFrom().voidItem().onItem().delayIt().by(Duration.ofMillis(50)).chain(() -> poll(eventId, deadline)));
    }

    private Uni<LogoutProgress> load(String eventId) {
        Uni<Boolean> received = pool.preparedQuery("SELECT 1 FROM dispatcher.received_events WHERE event_id = $1")
                .execute(Tuple.of(eventId)).map(rows -> rows.rowCount() > 0);
        Uni<List<DeliveryView>> rows = pool.preparedQuery("SELECT " + COLUMNS + " FROM dispatcher.deliveries WHERE event_id = $1 "
                + "ORDER BY client_id").execute(Tuple.of(eventId)).map(DeliveriesResource::views);
        return Uni.combine().all().unis(received, rows).asTuple().map(t -> new LogoutProgress(eventId, t.getItem1(),
                t.getItem1() && t.getItem2().stream().allMatch(d -> d.firstAttemptAt() != null), t.getItem2()));
    }

    @POST
    @Path("/deliveries/{id}/redrive")
    @RolesAllowed("deliveries:redrive")
    @Operation(summary = "Send a dead or failed delivery again, with a new retry window")
    public Uni<Response> redrive(@PathParam("id") long id) {
        return pool.preparedQuery("UPDATE dispatcher.deliveries SET status = 'pending', attempts = 0, last_error = NULL, "
                        + "next_attempt_at = now(), created_at = now(), finished_at = NULL "
                        + "WHERE id = $1 AND status IN ('dead', 'failed') RETURNING id")
                .execute(Tuple.of(id))
                .chain(rows -> {
                    if (rows.rowCount() == 0) {
                        throw new WebApplicationException(problem(404, "no dead or failed delivery with this id"));
                    }
                    return deliveries.attemptAll(List.of(id)).replaceWith(Response.accepted().build());
                });
    }

    private static List<DeliveryView> views(io.vertx.mutiny.sqlclient.RowSet<Row> rows) {
        List<DeliveryView> list = new ArrayList<>();
        for (Row r : rows) {
            list.add(new DeliveryView(r.getLong("id"), r.getString("event_id"), r.getString("client_id"), r.getString("sub"),
                    r.getString("sid"), r.getString("reason"), r.getString("status"), r.getInteger("attempts"),
                    r.getInteger("last_status"), r.getString("last_error"), instant(r.getOffsetDateTime("created_at")),
                    instant(r.getOffsetDateTime("first_attempt_at")), instant(r.getOffsetDateTime("finished_at"))));
        }
        return list;
    }

    private static Instant instant(OffsetDateTime value) {
        return value == null ? null : value.toInstant();
    }

    static Response problem(int status, String detail) {
        return Response.status(status).type("application/problem+json")
                .entity(java.util.Map.of("type", "about:blank", "status", status, "detail", detail)).build();
    }
}
