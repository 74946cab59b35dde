package io.github.ssosuite.contracts;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.ContextPropagators;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TraceCarrierTest {

    private static final OpenTelemetry W3C =
            OpenTelemetry.propagating(ContextPropagators.create(W3CTraceContextPropagator.getInstance()));
    private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String SPAN = "00f067aa0ba902b7";

    @Test
    void aSpanContextTravelsThroughTheCarrierAndBack() {
        Context context = Context.root().with(Span.wrap(SpanContext.createFromRemoteParent(TRACE, SPAN,
                TraceFlags.getSampled(), TraceState.builder().put("vendor", "x1").build())));

        Map<String, String> carrier = TraceCarrier.capture(W3C, context);

        assertThat(carrier).containsEntry("traceparent", "00-" + TRACE + "-" + SPAN + "-01")
                .containsEntry("tracestate", "vendor=x1");
        SpanContext restored = Span.fromContext(TraceCarrier.restore(W3C, carrier)).getSpanContext();
        assertThat(restored.getTraceId()).isEqualTo(TRACE);
        assertThat(restored.getSpanId()).isEqualTo(SPAN);
        assertThat(restored.isRemote()).isTrue();
    }

    @Test
    void noTraceMeansAnEmptyCarrierAndARootParent() {
        assertThat(TraceCarrier.capture(W3C, Context.root())).isEmpty();
        assertThat(TraceCarrier.capture(OpenTelemetry.noop(), Context.root().with(Span.wrap(
                SpanContext.create(TRACE, SPAN, TraceFlags.getSampled(), TraceState.getDefault()))))).isEmpty();
        assertThat(Span.fromContext(TraceCarrier.restore(W3C, Map.of())).getSpanContext().isValid()).isFalse();
        assertThat(Span.fromContext(TraceCarrier.restore(W3C, Map.of("traceparent", "garbage")))
                .getSpanContext().isValid()).isFalse();
    }

    @Test
    void storedValuesMakeACarrierWithoutTheAbsentOnes() {
        assertThat(TraceCarrier.of(null, "")).isEmpty();
        assertThat(TraceCarrier.of("00-" + TRACE + "-" + SPAN + "-01", null))
                .containsOnlyKeys("traceparent");
        assertThat(TraceCarrier.of("00-" + TRACE + "-" + SPAN + "-01", "vendor=x1"))
                .containsEntry("tracestate", "vendor=x1").hasSize(2);
    }

    @Test
    void traceIdReadsOnlyValidVersion00Headers() {
        assertThat(TraceCarrier.traceId("00-" + TRACE + "-" + SPAN + "-01")).contains(TRACE);
        assertThat(TraceCarrier.traceId(" 00-" + TRACE + "-" + SPAN + "-00 ")).contains(TRACE);
        assertThat(TraceCarrier.traceId(null)).isEmpty();
        assertThat(TraceCarrier.traceId("00-" + "0".repeat(32) + "-" + SPAN + "-01")).isEmpty();
        assertThat(TraceCarrier.traceId("00-" + TRACE + "-" + "0".repeat(16) + "-01")).isEmpty();
        assertThat(TraceCarrier.traceId("00-" + TRACE.toUpperCase() + "-" + SPAN + "-01")).isEmpty();
        assertThat(TraceCarrier.traceId("01-" + TRACE + "-" + SPAN + "-01")).isEmpty();
    }
}
