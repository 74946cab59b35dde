package io.github.ssosuite.dispatcher.messaging;

import io.github.ssosuite.contracts.SessionEnded;
import io.github.ssosuite.contracts.TraceCarrier;
import io.github.ssosuite.dispatcher.delivery.DeliveryService;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Consumes {@link SessionEnded} events (consumer group {@code logout-dispatcher}; several replicas share the
 * partitions) and records each in the inbox. The offset is committed only after the inbox write succeeded.
 * Each event continues the trace its record's {@code traceparent} header names (the end-session request's), with a
 * consumer span that the deliveries' POSTs are children of.
 */
@ApplicationScoped
public class SessionEndedConsumer {

    private static final Logger LOG = Logger.getLogger(SessionEndedConsumer.class);

    private final DeliveryService deliveries;
    private final MeterRegistry metrics;
    private final Timer lag;
    private final OpenTelemetry otel;
    private final Tracer tracer;

    public SessionEndedConsumer(DeliveryService deliveries, MeterRegistry metrics, OpenTelemetry otel) {
        this.deliveries = deliveries;
        this.metrics = metrics;
        this.otel = otel;
        this.tracer = otel.getTracer("io.github.ssosuite.dispatcher.messaging");
        // how far behind the sessions' ends the dispatcher runs, in time (consumer lag)
        this.lag = Timer.builder("dispatcher_event_lag").publishPercentileHistogram()
                .description("from the session's end to the event's recording here").register(metrics);
    }

    @Incoming("session-ended")
    public Uni<Void> onSessionEnded(SessionEnded event, IncomingKafkaRecordMetadata<String, SessionEnded> record) {
        if (event == null) {
            // not JSON of the expected schema: counted and skipped, never a reason to stop consuming
            metrics.counter("dispatcher_events_received", "outcome", "unreadable").increment();
            LOG.warn("skipped a session-ended record that is not a readable SessionEnded event");
            return Uni.createFrom().voidItem();
        }
        // A failed write (PostgreSQL away) is retried, holding this partition, rather than skipping the event:
        // its offset is not committed until the write succeeds, so a crash meanwhile loses nothing either.
        // The event and its deliveries are recorded before the offset is committed; the first attempts then run
        // without holding the partition (a crash before them leaves claimed rows the due-poller takes when their
        // lease, 3 × the delivery timeout, runs out).
        // One transaction for the inbox row and the delivery rows: the progress channel (GET /logouts/{id}) must
        // never see the event received without its deliveries, or it would report "first attempts done" for a
        // logout whose RPs were not yet even queued (the ordering of checklist D11).
        Span span = processSpan(event, record);
        Map<String, String> trace = TraceCarrier.capture(otel, Context.root().with(span));
        return deliveries.record(event, trace)
                .invoke(recorded -> {
                    metrics.counter("dispatcher_events_received", "outcome", recorded.isNew() ? "new" : "duplicate")
                            .increment();
                    if (recorded.isNew()) {
                        lag.record(Duration.between(event.endedAt(), Instant.now()));
                    }
                    span.setAttribute("sso.deliveries", recorded.pending().size());
                })
                .onFailure().invoke(e -> LOG.warnf("recording event %s failed, retrying: %s", event.eventId(), e.getMessage()))
                .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(10)).indefinitely()
                .invoke(recorded -> deliveries.firstAttempts(recorded.pending()).subscribe().with(done -> { }, failure -> { }))
                .onTermination().invoke((recorded, failure, cancelled) -> {
                    if (failure != null) {
                        span.setStatus(StatusCode.ERROR, String.valueOf(failure.getMessage()));
                    }
                    span.end();
                })
                .replaceWithVoid();
    }

    private static String header(IncomingKafkaRecordMetadata<String, SessionEnded> record, String name) {
        var header = record.getHeaders().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** The consumer span of one event: the child of the span that published it (the record's trace headers). */
    private Span processSpan(SessionEnded event, IncomingKafkaRecordMetadata<String, SessionEnded> record) {
        Map<String, String> carrier = record == null ? Map.of()
                : TraceCarrier.of(header(record, TraceCarrier.TRACEPARENT), header(record, TraceCarrier.TRACESTATE));
        var builder = tracer.spanBuilder(record == null ? "session-ended process" : record.getTopic() + " process")
                .setParent(TraceCarrier.restore(otel, carrier))
                .setSpanKind(SpanKind.CONSUMER)
                .setAttribute("messaging.system", "kafka")
                .setAttribute("messaging.message.id", event.eventId())
                .setAttribute("sso.reason", event.reason().wireValue());
        if (record != null) {
            builder.setAttribute("messaging.destination.name", record.getTopic())
                    .setAttribute("messaging.destination.partition.id", Integer.toString(record.getPartition()))
                    .setAttribute("messaging.kafka.offset", record.getOffset());
        }
        return builder.startSpan();
    }
}
