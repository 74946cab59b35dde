package io.github.ssosuite.session;

import io.github.ssosuite.contracts.EndReason;
import io.github.ssosuite.session.metrics.SessionMetrics;
import io.github.ssosuite.session.model.EndResult;
import io.github.ssosuite.session.model.NewSession;
import io.github.ssosuite.session.model.Session;
import io.github.ssosuite.session.outbox.OutboxRelay;
import io.github.ssosuite.session.store.RedisSessionStore;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/** Session operations with their side effects: metrics, and waking the outbox relay after an ending. */
@ApplicationScoped
public class SessionService {

    private final RedisSessionStore store;
    private final SessionMetrics metrics;
    private final OutboxRelay relay;

    public SessionService(RedisSessionStore store, SessionMetrics metrics, OutboxRelay relay) {
        this.store = store;
        this.metrics = metrics;
        this.relay = relay;
    }

    public Uni<Session> create(NewSession login) {
        return store.create(login).invoke(metrics::created);
    }

    /** The live session, or null; {@code touch} slides its idle expiry, {@code clientId} joins it. */
    public Uni<Session> find(String sid, String clientId, boolean touch) {
        return store.find(sid, clientId, touch);
    }

    public Uni<Session> reauthenticate(String sid, java.time.Instant authTime, List<String> amr, String acr) {
        return store.reauthenticate(sid, authTime, amr, acr);
    }

    public Uni<List<Session>> listByUser(String sub) {
        return store.listByUser(sub);
    }

    public Uni<EndResult> end(String sid, EndReason reason) {
        return ended(store.end(sid, reason), reason);
    }

    public Uni<EndResult> endUser(String sub, EndReason reason) {
        return ended(store.endUser(sub, reason), reason);
    }

    public Uni<EndResult> endClient(String clientId, EndReason reason) {
        return ended(store.endClient(clientId, reason), reason);
    }

    private Uni<EndResult> ended(Uni<EndResult> ending, EndReason reason) {
        return ending.invoke(result -> {
            metrics.ended(reason, result.sessionsEnded());
            if (result.sessionsEnded() > 0) {
                relay.wake();
            }
        });
    }
}
