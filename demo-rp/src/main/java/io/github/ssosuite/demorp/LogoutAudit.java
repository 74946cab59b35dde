package io.github.ssosuite.demorp;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/** What happened to this app's sessions, in memory, oldest first; the oldest entries go past {@code capacity}. */
@ApplicationScoped
public class LogoutAudit {

    static final int DEFAULT_CAPACITY = 1000;

    private final Clock clock;
    private final int capacity;
    private final Deque<AuditEntry> entries = new ArrayDeque<>();

    @Inject
    public LogoutAudit() {
        this(Clock.systemUTC(), DEFAULT_CAPACITY);
    }

    LogoutAudit(Clock clock, int capacity) {
        this.clock = clock;
        this.capacity = capacity;
    }

    /** Records an event now; {@code sid} may be null. Cheap and non-blocking: called on the event loop. */
    public AuditEntry record(String type, String sid) {
        AuditEntry entry = new AuditEntry(type, clock.instant().toString(), sid);
        synchronized (entries) {
            entries.addLast(entry);
            while (entries.size() > capacity) {
                entries.removeFirst();
            }
        }
        return entry;
    }

    public List<AuditEntry> entries() {
        synchronized (entries) {
            return List.copyOf(entries);
        }
    }
}
