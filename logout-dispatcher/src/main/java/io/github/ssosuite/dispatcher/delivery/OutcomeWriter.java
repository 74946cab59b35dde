package io.github.ssosuite.dispatcher.delivery;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Records attempts' outcomes in {@code dispatcher.deliveries}, many per statement: while one UPDATE is in flight the
 * outcomes that finish meanwhile queue up, and the next UPDATE writes all of them (one round trip and one commit for
 * a whole burst instead of one each). With one outcome at a time it writes at once, as before. An outcome is
 * acknowledged only after its row is written; a crash before that leaves the row claimed, and its lease runs out
 * into a new attempt (at least once, never lost).
 */
@ApplicationScoped
public class OutcomeWriter {

    private static final Logger LOG = Logger.getLogger(OutcomeWriter.class);

    /** The most rows one statement writes. */
    static final int MAX_BATCH = 500;

    /** A delivery's new state after an attempt. */
    public record Outcome(long id, int attempts, Integer lastStatus, String lastError, Instant attemptedAt,
            String status, Instant nextAttemptAt, Instant finishedAt) {
    }

    private record Queued(Outcome outcome, CompletableFuture<Void> written) {
    }

    private final Pool pool;
    private final ConcurrentLinkedQueue<Queued> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean writing = new AtomicBoolean();

    public OutcomeWriter(Pool pool) {
        this.pool = pool;
    }

    /** Completes once the outcome's row is written. */
    public Uni<Void> write(Outcome outcome) {
        CompletableFuture<Void> written = new CompletableFuture<>();
        queue.add(new Queued(outcome, written));
        flush();
        return Uni.createFrom().completionStage(written);
    }

    private void flush() {
        if (!writing.compareAndSet(false, true)) {
            return; // the statement in flight flushes again when it is done
        }
        List<Queued> batch = new ArrayList<>();
        Queued next;
        while (batch.size() < MAX_BATCH && (next = queue.poll()) != null) {
            batch.add(next);
        }
        if (batch.isEmpty()) {
            writing.set(false);
            if (!queue.isEmpty()) {
                flush(); // raced with a write() that found the flag still set
            }
            return;
        }
        int n = batch.size();
        Long[] ids = new Long[n];
        Integer[] attempts = new Integer[n];
        Integer[] lastStatus = new Integer[n];
        String[] lastError = new String[n];
        OffsetDateTime[] attemptedAt = new OffsetDateTime[n];
        String[] status = new String[n];
        OffsetDateTime[] nextAt = new OffsetDateTime[n];
        OffsetDateTime[] finishedAt = new OffsetDateTime[n];
        for (int i = 0; i < n; i++) {
            Outcome o = batch.get(i).outcome();
            ids[i] = o.id();
            attempts[i] = o.attempts();
            lastStatus[i] = o.lastStatus();
            lastError[i] = o.lastError();
            attemptedAt[i] = DeliveryService.utc(o.attemptedAt());
            status[i] = o.status();
            nextAt[i] = DeliveryService.utc(o.nextAttemptAt());
            finishedAt[i] = o.finishedAt() == null ? null : DeliveryService.utc(o.finishedAt());
        }
        pool.preparedQuery("UPDATE dispatcher.deliveries d SET attempts = u.attempts, last_status = u.last_status, "
                        + "last_error = u.last_error, first_attempt_at = coalesce(d.first_attempt_at, u.attempted_at), "
                        + "status = u.status, next_attempt_at = u.next_attempt_at, finished_at = u.finished_at "
                        + "FROM unnest($1::bigint[], $2::int[], $3::int[], $4::text[], $5::timestamptz[], $6::text[], "
                        + "$7::timestamptz[], $8::timestamptz[]) AS u(id, attempts, last_status, last_error, "
                        + "attempted_at, status, next_attempt_at, finished_at) WHERE d.id = u.id")
                .execute(Tuple.from(Arrays.asList(ids, attempts, lastStatus, lastError, attemptedAt, status, nextAt,
                        finishedAt)))
                .subscribe().with(rows -> done(batch, null), failure -> done(batch, failure));
    }

    private void done(List<Queued> batch, Throwable failure) {
        if (failure != null) {
            LOG.warnf("recording %d delivery outcomes failed: %s", batch.size(), failure.getMessage());
        }
        for (Queued q : batch) {
            if (failure == null) {
                q.written().complete(null);
            } else {
                q.written().completeExceptionally(failure);
            }
        }
        writing.set(false);
        if (!queue.isEmpty()) {
            flush();
        }
    }
}
