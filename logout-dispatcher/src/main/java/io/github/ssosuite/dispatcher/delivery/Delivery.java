package io.github.ssosuite.dispatcher.delivery;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A row of {@code dispatcher.deliveries}: one event to one RP, with its attempts (the audit trail). */
@Entity
@Table(name = "deliveries", schema = "dispatcher")
public class Delivery extends PanacheEntityBase {

    public static final String PENDING = "pending";
    public static final String DONE = "done";
    public static final String FAILED = "failed";
    public static final String DEAD = "dead";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "event_id", nullable = false)
    public String eventId;

    @Column(name = "client_id", nullable = false)
    public String clientId;

    @Column(name = "sub", nullable = false)
    public String sub;

    /** The sid the logout token carries; null for sub-only tokens. */
    @Column(name = "sid")
    public String sid;

    @Column(name = "reason", nullable = false)
    public String reason;

    @Column(name = "target_uri", nullable = false)
    public String targetUri;

    @Column(name = "status", nullable = false)
    public String status;

    @Column(name = "attempts", nullable = false)
    public int attempts;

    @Column(name = "last_status")
    public Integer lastStatus;

    @Column(name = "last_error")
    public String lastError;

    @Column(name = "next_attempt_at", nullable = false)
    public Instant nextAttemptAt;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "first_attempt_at")
    public Instant firstAttemptAt;

    @Column(name = "finished_at")
    public Instant finishedAt;
}
