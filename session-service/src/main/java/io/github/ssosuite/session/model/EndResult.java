package io.github.ssosuite.session.model;

import java.util.List;

/** The outcome of ending sessions: how many ended now, and the ids of the events that notify their clients. */
public record EndResult(int sessionsEnded, List<String> eventIds) {

    public static final EndResult NOTHING = new EndResult(0, List.of());

    public EndResult plus(EndResult other) {
        var ids = new java.util.ArrayList<>(eventIds);
        other.eventIds.stream().filter(id -> !ids.contains(id)).forEach(ids::add);
        return new EndResult(sessionsEnded + other.sessionsEnded, List.copyOf(ids));
    }
}
