package io.github.ssosuite.session.outbox;

import io.github.ssosuite.contracts.EndReason;
import io.github.ssosuite.contracts.ParticipatingClient;
import io.github.ssosuite.contracts.SessionEnded;
import io.github.ssosuite.contracts.TraceCarrier;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** Reads a {@link SessionEnded} back from the fields the Lua scripts wrote to an outbox stream entry. */
final class OutboxEntries {

    private OutboxEntries() {
    }

    static SessionEnded toEvent(Map<String, String> fields) {
        List<ParticipatingClient> clients = new ArrayList<>();
        fields.forEach((name, value) -> {
            if (name.startsWith("c:")) {
                clients.add(new ParticipatingClient(name.substring(2), Instant.ofEpochMilli(Long.parseLong(value))));
            }
        });
        clients.sort(Comparator.comparing(ParticipatingClient::joinedAt).thenComparing(ParticipatingClient::clientId));
        String sids = fields.get("sids");
        return new SessionEnded(SessionEnded.SCHEMA_VERSION, fields.get("event_id"), fields.get("sid"),
                fields.get("sub"), EndReason.fromWire(fields.get("reason")), clients,
                Instant.ofEpochMilli(Long.parseLong(fields.get("ended_at"))),
                sids == null ? List.of() : Arrays.asList(sids.split(" ")));
    }

    /** The trace context the end scripts stored with the event ({@link TraceCarrier}); empty when none. */
    static Map<String, String> trace(Map<String, String> fields) {
        return TraceCarrier.of(fields.get(TraceCarrier.TRACEPARENT), fields.get(TraceCarrier.TRACESTATE));
    }
}
