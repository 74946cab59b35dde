package io.github.ssosuite.dispatcher.inbox;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A SessionEnded event as the dispatcher took it in (table {@code dispatcher.received_events}). */
@Entity
@Table(name = "received_events", schema = "dispatcher")
public class ReceivedEvent {

    @Id
    @Column(name = "event_id")
    public String eventId;

    @Column(name = "sid")
    public String sid;

    @Column(name = "sub", nullable = false)
    public String sub;

    @Column(name = "reason", nullable = false)
    public String reason;

    @Column(name = "client_count", nullable = false)
    public int clientCount;

    @Column(name = "ended_at", nullable = false)
    public Instant endedAt;

    @Column(name = "received_at", nullable = false)
    public Instant receivedAt;
}
