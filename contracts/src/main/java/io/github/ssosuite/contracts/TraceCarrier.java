package io.github.ssosuite.contracts;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The W3C Trace Context ({@code traceparent}, {@code tracestate}) of a logout, carried across the hops where no
 * HTTP call carries it: the session-service outbox entry, the {@link Topics#SESSION_ENDED} record's headers, and
 * the dispatcher's delivery rows. One logout is then one trace, from the end-session request to every back-channel
 * POST. The carrier is a plain map of those two header names; empty when there is no trace (tracing off, or an
 * expiry that no request started).
 */
public final class TraceCarrier {

    public static final String TRACEPARENT = "traceparent";
    public static final String TRACESTATE = "tracestate";

    // version 00: 00-<32 hex trace id>-<16 hex parent id>-<2 hex flags> (W3C Trace Context §3.2)
    private static final Pattern TRACEPARENT_V00 = Pattern.compile("00-([0-9a-f]{32})-([0-9a-f]{16})-[0-9a-f]{2}");

    private static final TextMapGetter<Map<String, String>> FROM_MAP = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };

    private TraceCarrier() {
    }

    /** The headers that continue {@code context}'s trace; empty when it has none (or tracing is off). */
    public static Map<String, String> capture(OpenTelemetry otel, Context context) {
        Map<String, String> carrier = new LinkedHashMap<>();
        otel.getPropagators().getTextMapPropagator().inject(context, carrier, (map, key, value) -> {
            if (key.equals(TRACEPARENT) || key.equals(TRACESTATE)) {
                map.put(key, value);
            }
        });
        return carrier;
    }

    /** A carrier of the stored header values, either of which may be absent (null or empty). */
    public static Map<String, String> of(String traceparent, String tracestate) {
        Map<String, String> carrier = new LinkedHashMap<>();
        if (traceparent != null && !traceparent.isEmpty()) {
            carrier.put(TRACEPARENT, traceparent);
        }
        if (tracestate != null && !tracestate.isEmpty()) {
            carrier.put(TRACESTATE, tracestate);
        }
        return carrier;
    }

    /** The context a carrier names, as the parent of the next span; the root context when it names none. */
    public static Context restore(OpenTelemetry otel, Map<String, String> carrier) {
        return otel.getPropagators().getTextMapPropagator().extract(Context.root(), carrier, FROM_MAP);
    }

    /** The trace id of a version-00 {@code traceparent}, or empty when it is not one (or all zeros). */
    public static Optional<String> traceId(String traceparent) {
        if (traceparent == null) {
            return Optional.empty();
        }
        var m = TRACEPARENT_V00.matcher(traceparent.trim());
        if (!m.matches() || m.group(1).chars().allMatch(c -> c == '0') || m.group(2).chars().allMatch(c -> c == '0')) {
            return Optional.empty();
        }
        return Optional.of(m.group(1));
    }
}
