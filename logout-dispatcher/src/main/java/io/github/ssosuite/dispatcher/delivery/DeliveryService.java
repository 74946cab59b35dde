package io.github.ssosuite.dispatcher.delivery;

import io.github.ssosuite.contracts.ParticipatingClient;
import io.github.ssosuite.contracts.SessionEnded;
import io.github.ssosuite.contracts.TraceCarrier;
import io.github.ssosuite.dispatcher.config.DispatcherConfig;
import io.github.ssosuite.dispatcher.keys.ActiveSigningKey;
import io.github.ssosuite.dispatcher.rp.OutboundTargets;
import io.github.ssosuite.dispatcher.rp.RelyingParty;
import io.github.ssosuite.dispatcher.rp.RelyingPartyClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.jboss.logging.Logger;

import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * Back-channel deliveries (DESIGN flow 5). An event becomes one delivery row per participating client with a
 * {@code backchannel_logout_uri}; every due delivery is attempted at once, all RPs of an event in parallel; an
 * attempt first claims its row (so replicas and a redelivered event never send one delivery twice at the same
 * time, and a delivery recorded done is never sent again). Failed attempts wait in PostgreSQL for their next time
 * (backoff with jitter): the retry path blocks nobody. After the retry window a delivery is dead-lettered.
 */
@ApplicationScoped
public class DeliveryService {

    private static final Logger LOG = Logger.getLogger(DeliveryService.class);

    private final DispatcherConfig config;
    private final DeliveryPolicy policy;
    private final ActiveSigningKey keys;
    private final RelyingPartyClient rps;
    private final OutboundTargets targets;
    private final MeterRegistry metrics;
    private final Timer attemptLatency;
    private final Emitter<String> deadLetters;
    private final Pool pool;
    private final RelyingPartyGuard guard;
    private final io.github.ssosuite.dispatcher.rp.RelyingParties relyingParties;
    private final OpenTelemetry otel;
    private final Tracer tracer;
    private final OutcomeWriter outcomes;

    /** A client's delivery limits: the defaults, or its overrides (dispatcher.clients."id".*). */
    record Limits(Duration timeout, Duration retryWindow, int maxConcurrency) {
    }

    public DeliveryService(DispatcherConfig config, ActiveSigningKey keys, RelyingPartyClient rps, OutboundTargets targets,
            MeterRegistry metrics, @Channel("dead-letters") Emitter<String> deadLetters, Pool pool,
            io.github.ssosuite.dispatcher.rp.RelyingParties relyingParties, OpenTelemetry otel, OutcomeWriter outcomes) {
        this.relyingParties = relyingParties;
        this.outcomes = outcomes;
        this.otel = otel;
        this.tracer = otel.getTracer("io.github.ssosuite.dispatcher.delivery");
        this.pool = pool;
        this.config = config;
        this.keys = keys;
        this.rps = rps;
        this.targets = targets;
        this.metrics = metrics;
        this.deadLetters = deadLetters;
        var g = config.guard();
        this.guard = new RelyingPartyGuard(g.failuresToOpen(), g.openFor(), g.busyRetry());
        metrics.gauge("dispatcher_open_circuits", guard, rg -> rg.openCircuits(Instant.now()));
        var d = config.delivery();
        this.policy = new DeliveryPolicy(d.initialBackoff(), d.maxBackoff(), d.retryWindow());
        this.attemptLatency = Timer.builder("dispatcher_attempt_latency").publishPercentileHistogram()
                .description("one delivery attempt, from request to answer or failure").register(metrics);
    }

    /** What recording an event gave: whether it was new, and the deliveries it made, claimed for a first attempt. */
    public record Recorded(boolean isNew, List<FirstAttempt> pending) {
    }

    /** A delivery just recorded and claimed by this replica: everything its first attempt needs, no read back. */
    public record FirstAttempt(long id, String eventId, String clientId, String sub, String sid, String uri,
            Instant createdAt, Map<String, String> trace) {
    }

    /**
     * Records {@code event} in the inbox and its deliveries, one per client with a back-channel URI, in one
     * transaction (idempotent: a redelivered event adds nothing). Two statements on the reactive pool: the inbox
     * row and one multi-row insert of the deliveries, so a logout of many RPs costs no more round trips than one
     * of a single RP. Each delivery keeps {@code trace} (the logout's trace context) for its attempts' POSTs.
     * The rows are born claimed (their lease runs from now) for this replica's first attempt, which therefore needs
     * no claiming round trip; should this replica die first, the due-poller takes them when the lease ends.
     */
    public Uni<Recorded> record(SessionEnded event, Map<String, String> trace) {
        List<String> clientIds = event.clients().stream().map(ParticipatingClient::clientId).distinct().toList();
        return relyingParties.withBackChannel(clientIds).chain(rps -> pool.withTransaction(conn -> conn
                .preparedQuery("INSERT INTO dispatcher.received_events "
                        + "(event_id, sid, sub, reason, client_count, ended_at, received_at) "
                        + "VALUES ($1, $2, $3, $4, $5, $6, now()) ON CONFLICT (event_id) DO NOTHING")
                .execute(Tuple.from(java.util.Arrays.asList(event.eventId(), event.sid(), event.sub(),
                        event.reason().wireValue(), event.clients().size(), utc(event.endedAt()))))
                .chain(inbox -> {
                    boolean isNew = inbox.rowCount() == 1;
                    if (rps.isEmpty()) {
                        return Uni.createFrom().item(new Recorded(isNew, List.of()));
                    }
                    String[] clients = new String[rps.size()];
                    String[] sids = new String[rps.size()];
                    String[] uris = new String[rps.size()];
                    for (int i = 0; i < rps.size(); i++) {
                        RelyingParty rp = rps.get(i);
                        clients[i] = rp.clientId;
                        // sid when the RP requires it and the event names one session; a user-wide event is sub-only
                        sids[i] = rp.backchannelLogoutSessionRequired ? event.sid() : null;
                        uris[i] = rp.backchannelLogoutUri;
                    }
                    Instant now = Instant.now();
                    return conn.preparedQuery("INSERT INTO dispatcher.deliveries (event_id, client_id, sub, sid, reason, "
                                    + "target_uri, status, attempts, next_attempt_at, created_at, trace_parent, trace_state) "
                                    + "SELECT $1, c.client_id, $2, c.sid, $3, c.uri, 'pending', 0, $10, $4, $8, $9 "
                                    + "FROM unnest($5::text[], $6::text[], $7::text[]) AS c(client_id, sid, uri) "
                                    + "ON CONFLICT (event_id, client_id) DO NOTHING RETURNING id, client_id, sid, target_uri")
                            .execute(Tuple.from(java.util.Arrays.asList(event.eventId(), event.sub(),
                                    event.reason().wireValue(), utc(now), clients, sids, uris,
                                    trace.get(TraceCarrier.TRACEPARENT), trace.get(TraceCarrier.TRACESTATE),
                                    utc(lease(now)))))
                            .map(rows -> {
                                List<FirstAttempt> made = new java.util.ArrayList<>();
                                rows.forEach(row -> made.add(new FirstAttempt(row.getLong("id"), event.eventId(),
                                        row.getString("client_id"), event.sub(), row.getString("sid"),
                                        row.getString("target_uri"), now, trace)));
                                return new Recorded(isNew, made);
                            });
                })));
    }

    /** The first attempts of deliveries just recorded (already claimed), in parallel. */
    public Uni<Void> firstAttempts(List<FirstAttempt> made) {
        if (made.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return independently(made.stream().map(d -> send(d.id(), d.eventId(), d.clientId(), d.sub(), d.sid(),
                d.uri(), 0, d.createdAt(), d.trace())).toList());
    }

    /** How long an attempt holds its delivery: no other attempt of it starts meanwhile, here or on a replica. */
    private Instant lease(Instant now) {
        return now.plus(config.delivery().timeout().multipliedBy(3));
    }

    /** Attempts the given deliveries in parallel (claiming each first); each is independent of the others' fate. */
    public Uni<Void> attemptAll(List<Long> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return independently(ids.stream().map(this::attempt).toList());
    }

    /** Runs attempts side by side; one failing to complete is logged and neither stops nor fails the others. */
    private static Uni<Void> independently(List<Uni<Void>> attempts) {
        return Uni.join().all(attempts).andCollectFailures().replaceWithVoid()
                .onFailure().invoke(e -> LOG.warnf("a delivery attempt failed to complete: %s", e.getMessage()))
                .onFailure().recoverWithNull();
    }

    /** Picks up due retries (and first attempts a crash interrupted). */
    @Scheduled(every = "${dispatcher.delivery.poll-interval:500ms}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> due() {
        return pool.preparedQuery("SELECT id FROM dispatcher.deliveries WHERE status = 'pending' AND next_attempt_at <= $1 "
                        + "ORDER BY next_attempt_at LIMIT 200")
                .execute(Tuple.of(utc(Instant.now())))
                .map(rows -> {
                    List<Long> ids = new java.util.ArrayList<>();
                    rows.forEach(row -> ids.add(row.getLong("id")));
                    return ids;
                })
                .chain(this::attemptAll)
                .onFailure().recoverWithNull();
    }

    /**
     * One attempt: claim the row (a lease, so one attempt at a time across replicas and never one of a delivery no
     * longer pending), mint a fresh token, POST, record the outcome. The attempts of one event run concurrently, so
     * this path uses the reactive pool directly (Hibernate Reactive's session belongs to one operation at a time).
     */
    Uni<Void> attempt(Long id) {
        Instant now = Instant.now();
        Instant lease = lease(now);
        return pool.preparedQuery("UPDATE dispatcher.deliveries SET next_attempt_at = $1 "
                        + "WHERE id = $2 AND status = 'pending' AND next_attempt_at <= $3 "
                        + "RETURNING event_id, client_id, sub, sid, target_uri, attempts, created_at, trace_parent, trace_state")
                .execute(Tuple.of(utc(lease), id, utc(now)))
                .chain(rows -> {
                    if (rows.rowCount() == 0) {
                        return Uni.createFrom().voidItem();
                    }
                    Row row = rows.iterator().next();
                    Map<String, String> trace = TraceCarrier.of(row.getString("trace_parent"), row.getString("trace_state"));
                    return send(id, row.getString("event_id"), row.getString("client_id"), row.getString("sub"), row.getString("sid"),
                            row.getString("target_uri"), row.getInteger("attempts"),
                            row.getOffsetDateTime("created_at").toInstant(), trace);
                });
    }

    Limits limits(String clientId) {
        var d = config.delivery();
        var o = config.clients().get(clientId);
        return new Limits(o == null ? d.timeout() : o.timeout().orElse(d.timeout()),
                o == null ? d.retryWindow() : o.retryWindow().orElse(d.retryWindow()),
                o == null ? config.guard().maxConcurrency() : o.maxConcurrency().orElse(config.guard().maxConcurrency()));
    }

    private Uni<Void> send(Long id, String eventId, String clientId, String sub, String sid, String uri, int attempts,
            Instant createdAt, Map<String, String> trace) {
        Limits limits = limits(clientId);
        RelyingPartyGuard.Admission admission = guard.admit(clientId, limits.maxConcurrency(), Instant.now());
        if (!admission.admitted()) {
            return defer(id, eventId, clientId, attempts, createdAt, limits, admission);
        }
        Span span = attemptSpan(id, eventId, clientId, uri, attempts + 1, trace);
        return targets.refusal(uri)
                .chain(refusal -> refusal != null
                        ? Uni.createFrom().item(new RelyingPartyClient.Answer(-2, "target refused: " + refusal, Duration.ZERO))
                        : keys.get().chain(key -> rps.post(uri, LogoutTokenFactory.sign(LogoutTokenFactory.claims(
                                config.issuer(), clientId, sub, sid, Instant.now(), config.delivery().tokenLifetime()), key),
                                limits.timeout(), TraceCarrier.capture(otel, Context.root().with(span)))))
                .onItemOrFailure().invoke((answer, failure) -> {
                    guard.release(clientId, healthy(answer), Instant.now());
                    if (answer != null && answer.status() > 0) {
                        span.setAttribute("http.response.status_code", answer.status());
                    }
                    if (failure != null || answer == null || answer.status() < 0 || answer.status() >= 400) {
                        span.setStatus(StatusCode.ERROR, failure != null ? String.valueOf(failure.getMessage())
                                : answer == null ? "no answer" : String.valueOf(answer.error()));
                    }
                    span.end();
                })
                .chain(answer -> record(id, eventId, clientId, attempts + 1, createdAt, answer, limits));
    }

    /** The client span of one attempt's POST, a child of the logout's trace (the event's consumer span). */
    private Span attemptSpan(Long id, String eventId, String clientId, String uri, int attempt, Map<String, String> trace) {
        return tracer.spanBuilder("POST backchannel_logout")
                .setParent(TraceCarrier.restore(otel, trace))
                .setSpanKind(SpanKind.CLIENT)
                .setAttribute("http.request.method", "POST")
                .setAttribute("url.full", uri)
                .setAttribute("sso.client_id", clientId)
                .setAttribute("sso.event_id", eventId)
                .setAttribute("sso.delivery_id", id)
                .setAttribute("sso.attempt", attempt)
                .startSpan();
    }

    /** For the circuit breaker: did the RP behave like a live one? null when the attempt never reached it. */
    private static Boolean healthy(RelyingPartyClient.Answer answer) {
        if (answer == null || answer.status() == -2) {
            return null;
        }
        return answer.status() > 0 && DeliveryPolicy.classify(answer.status()) != DeliveryPolicy.Outcome.RETRY;
    }

    /**
     * Held back by the guard: rescheduled without spending an attempt. An open circuit means the RP is known to be
     * failing, so this counts as the first attempt having happened (the end-session endpoint does not wait for an
     * RP that is down, P8); past the retry window the delivery is dead-lettered like any other.
     */
    private Uni<Void> defer(Long id, String eventId, String clientId, int attempts, Instant createdAt, Limits limits,
            RelyingPartyGuard.Admission admission) {
        Instant now = Instant.now();
        boolean circuitOpen = admission.circuitOpen();
        if (!DeliveryPolicy.withinWindow(createdAt, admission.retryAt(), limits.retryWindow())) {
            return record(id, eventId, clientId, attempts, createdAt,
                    new RelyingPartyClient.Answer(-3, "not sent: " + admission.reason(), Duration.ZERO), limits);
        }
        metrics.counter("dispatcher_deliveries", "outcome", circuitOpen ? "circuit_open" : "throttled").increment();
        return pool.preparedQuery("UPDATE dispatcher.deliveries SET next_attempt_at = $1, last_error = $2, "
                        + "first_attempt_at = CASE WHEN $3 THEN coalesce(first_attempt_at, $4) ELSE first_attempt_at END "
                        + "WHERE id = $5")
                .execute(Tuple.from(java.util.Arrays.asList(utc(admission.retryAt()),
                        circuitOpen ? "not sent: the RP's circuit is open after repeated failures" : null,
                        circuitOpen, utc(now), id)))
                .invoke(() -> {
                    if (!circuitOpen) {
                        // a turn at the RP frees up within moments: come back then, not at the due-poller's next
                        // round (its schedule has a 1 s granularity); the lease keeps the two from both sending
                        Uni.createFrom().voidItem().onItem().delayIt()
                                .by(Duration.ofMillis(Math.max(1,
                                        Duration.between(Instant.now(), admission.retryAt()).toMillis() + 5)))
                                .chain(() -> attempt(id)).subscribe().with(done -> { }, failure -> { });
                    }
                })
                .replaceWithVoid();
    }

    private Uni<Void> record(Long id, String eventId, String clientId, int attempts, Instant createdAt,
            RelyingPartyClient.Answer answer, Limits limits) {
        Instant now = Instant.now();
        if (answer.status() != -3) { // -3: held back by the guard until the window ended, nothing was sent
            attemptLatency.record(answer.took());
        }
        DeliveryPolicy.Outcome outcome = answer.status() == -2 ? DeliveryPolicy.Outcome.REFUSED
                : answer.status() < 0 ? DeliveryPolicy.Outcome.RETRY : DeliveryPolicy.classify(answer.status());

        String status;
        Instant next = now;
        String result;
        switch (outcome) {
            case DONE -> {
                status = Delivery.DONE;
                result = "done";
            }
            case REFUSED -> {
                status = Delivery.FAILED;
                result = "refused";
            }
            default -> {
                next = policy.nextAttempt(now, attempts);
                if (answer.status() != -3 && DeliveryPolicy.withinWindow(createdAt, next, limits.retryWindow())) {
                    status = Delivery.PENDING;
                    result = "retry";
                } else {
                    status = Delivery.DEAD;
                    result = "dead";
                }
            }
        }
        metrics.counter("dispatcher_deliveries", "outcome", result).increment();
        boolean finished = !status.equals(Delivery.PENDING);
        Uni<Void> written = outcomes.write(new OutcomeWriter.Outcome(id, attempts,
                answer.status() > 0 ? answer.status() : null, answer.error(), now, status, next,
                finished ? now : null));
        if (!status.equals(Delivery.DEAD)) {
            return written;
        }
        return written.chain(() -> Uni.createFrom().completionStage(deadLetters.send("{\"delivery_id\":" + id
                + ",\"event_id\":\"" + eventId + "\",\"client_id\":\"" + clientId.replace("\"", "\\\"") + "\"}")));
    }

    static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
