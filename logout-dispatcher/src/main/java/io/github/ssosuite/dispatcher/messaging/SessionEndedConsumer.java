package io.github.ssosuite.dispatcher.messaging;

import io.github.ssosuite.contracts.SessionEnded;
import io.github.ssosuite.dispatcher.delivery.DeliveryService;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.time.Duration;

/**
 * Consumes {@link SessionEnded} events (consumer group {@code logout-dispatcher}; several replicas share the
 * partitions) and records each in the inbox. The offset is committed only after the inbox write succeeded.
 */
@ApplicationScoped
public class SessionEndedConsumer {

    private static final Logger LOG = Logger.getLogger(SessionEndedConsumer.class);

    private final DeliveryService deliveries;
    private final MeterRegistry metrics;

    public SessionEndedConsumer(DeliveryService deliveries, MeterRegistry metrics) {
        this.deliveries = deliveries;
        this.metrics = metrics;
    }

    @Incoming("session-ended")
    public Uni<Void> onSessionEnded(SessionEnded event) {
        if (event == null) {
            // not JSON of the expected schema: counted and skipped, never a reason to stop consuming
            metrics.counter("dispatcher_events_received", "outcome", "unreadable").increment();
            LOG.warn("skipped a session-ended record that is not a readable SessionEnded event");
            return Uni.createFrom().voidItem();
        }
        // A failed write (PostgreSQL away) is retried, holding this partition, rather than skipping the event:
        // its offset is not committed until the write succeeds, so a crash meanwhile loses nothing either.
        // The event and its deliveries are recorded before the offset is committed; the first attempts then run
        // without holding the partition (a crash before them leaves pending rows the due-poller picks up).
        // One transaction for the inbox row and the delivery rows: the progress channel (GET /logouts/{id}) must
        // never see the event received without its deliveries, or it would report "first attempts done" for a
        // logout whose RPs were not yet even queued (the ordering of checklist D11).
        return deliveries.record(event)
                .invoke(recorded -> {
                    metrics.counter("dispatcher_events_received", "outcome", recorded.isNew() ? "new" : "duplicate")
                            .increment();
                    if (recorded.isNew()) {
                        // how far behind the sessions' ends the dispatcher runs, in time (consumer lag)
                        Timer.builder("dispatcher_event_lag").publishPercentileHistogram()
                                .description("from the session's end to the event's recording here")
                                .register(metrics).record(Duration.between(event.endedAt(), java.time.Instant.now()));
                    }
                })
                .onFailure().invoke(e -> LOG.warnf("recording event %s failed, retrying: %s", event.eventId(), e.getMessage()))
                .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(10)).indefinitely()
                .invoke(recorded -> deliveries.attemptAll(recorded.pending()).subscribe().with(done -> { }, failure -> { }))
                .replaceWithVoid();
    }
}
