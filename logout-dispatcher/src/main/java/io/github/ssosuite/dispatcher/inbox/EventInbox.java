package io.github.ssosuite.dispatcher.inbox;

import io.github.ssosuite.contracts.SessionEnded;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * The events the dispatcher has taken in, one row per event id (PostgreSQL, schema {@code dispatcher}).
 * Kafka delivers at least once; the inbox is where a redelivered event is recognised.
 */
@ApplicationScoped
public class EventInbox {

    /** Records {@code event}; true if it is new, false if this event id was recorded before. */
    public Uni<Boolean> recordIfNew(SessionEnded event) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        INSERT INTO dispatcher.received_events
                            (event_id, sid, sub, reason, client_count, ended_at, received_at)
                        VALUES (:eventId, :sid, :sub, :reason, :clientCount, :endedAt, now())
                        ON CONFLICT (event_id) DO NOTHING""")
                .setParameter("eventId", event.eventId())
                .setParameter("sid", event.sid())
                .setParameter("sub", event.sub())
                .setParameter("reason", event.reason().wireValue())
                .setParameter("clientCount", event.clients().size())
                .setParameter("endedAt", OffsetDateTime.ofInstant(event.endedAt(), ZoneOffset.UTC))
                .executeUpdate()
                .map(inserted -> inserted == 1));
    }

    /** The recorded event, or null. */
    public Uni<ReceivedEvent> find(String eventId) {
        return Panache.getSession().chain(session -> session.find(ReceivedEvent.class, eventId));
    }
}
