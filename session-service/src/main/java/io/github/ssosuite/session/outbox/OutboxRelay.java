package io.github.ssosuite.session.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ssosuite.contracts.SessionEnded;
import io.github.ssosuite.contracts.TraceCarrier;
import io.github.ssosuite.session.config.SessionServiceConfig;
import io.github.ssosuite.session.store.RedisKeys;
import io.github.ssosuite.session.store.RedisSessionStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.micrometer.core.instrument.Timer;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.redis.datasource.stream.XGroupCreateArgs;
import io.quarkus.redis.datasource.stream.XReadGroupArgs;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Publishes the outbox to Kafka without loss (DESIGN flow 4): each shard's outbox stream is read through a
 * consumer group, every event is sent with an idempotent producer and {@code acks=all}, and an entry is
 * acknowledged and deleted only after the broker acknowledged it. While Kafka is away entries stay pending and
 * are sent again; entries another replica took and never published are claimed after
 * {@code session.events.relay-claim-after}. At least once, never lost.
 *
 * <p>The relay runs on its own thread (Kafka's producer may block while it looks for the cluster), woken by the
 * outbox signal the end scripts publish, and otherwise every {@code relay-poll-interval}.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    static final String GROUP = "outbox-relay";

    private final RedisDataSource redis;
    private final ReactiveRedisDataSource reactiveRedis;
    private final SessionServiceConfig config;
    private final RedisKeys keys;
    private final int shards;
    private final ObjectMapper json;
    private final String bootstrapServers;
    private final MeterRegistry metrics;
    private final Timer publishLatency;
    private final Semaphore signal = new Semaphore(0);
    private final String consumer;
    private final OpenTelemetry otel;
    private final Tracer tracer;

    private volatile boolean running;
    private Thread thread;
    private KafkaProducer<String, String> producer;
    private final Instant[] lastClaim;
    private final boolean[] groupReady;

    public OutboxRelay(RedisDataSource redis, ReactiveRedisDataSource reactiveRedis, SessionServiceConfig config,
            RedisSessionStore store, ObjectMapper json, MeterRegistry metrics, OpenTelemetry otel,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.otel = otel;
        this.tracer = otel.getTracer("io.github.ssosuite.session.outbox");
        this.redis = redis;
        this.reactiveRedis = reactiveRedis;
        this.config = config;
        this.keys = store.keys();
        this.shards = store.ids().shards();
        this.json = json;
        this.bootstrapServers = bootstrapServers;
        this.metrics = metrics;
        this.publishLatency = Timer.builder("session_events_publish_latency")
                .description("from a session's end to the broker's acknowledgement of its event")
                .publishPercentileHistogram().register(metrics);
        this.consumer = consumerName();
        this.groupReady = new boolean[shards];
        this.lastClaim = new Instant[shards];
        java.util.Arrays.fill(lastClaim, Instant.EPOCH);
    }

    void start(@Observes StartupEvent event) {
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) config.events().publishTimeout().toMillis(),
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.max(1000, config.events().publishTimeout().toMillis() / 2),
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) config.events().publishTimeout().toMillis(),
                ProducerConfig.LINGER_MS_CONFIG, 0,
                ProducerConfig.CLIENT_ID_CONFIG, "session-service-outbox-" + consumer),
                new StringSerializer(), new StringSerializer());
        reactiveRedis.pubsub(String.class).subscribe(keys.signalChannel())
                .subscribe().with(message -> wake(), failure -> LOG.debugf("outbox signal lost: %s", failure));
        running = true;
        thread = new Thread(this::run, "outbox-relay");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        wake();
        if (thread != null) {
            try {
                thread.join(config.events().publishTimeout().toMillis() + 2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }

    /** Looks at the outbox now (the end scripts' signal, or a local end). */
    public void wake() {
        signal.release();
    }

    private void run() {
        Duration backoff = Duration.ZERO;
        while (running) {
            boolean published = false;
            boolean failed = false;
            for (int shard = 0; shard < shards && running; shard++) {
                try {
                    published |= relayShard(shard);
                } catch (RuntimeException e) {
                    failed = true;
                    if (String.valueOf(e.getMessage()).contains("NOGROUP")) {
                        groupReady[shard] = false; // the stream was deleted (e.g. FLUSHALL): create it again
                    }
                    LOG.warnf("outbox shard %d: %s (will retry)", shard, e.getMessage());
                }
            }
            backoff = failed ? nextBackoff(backoff) : Duration.ZERO;
            if (!published || failed) {
                try {
                    Duration wait = failed ? backoff : config.events().relayPollInterval();
                    signal.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS);
                    signal.drainPermits();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private static Duration nextBackoff(Duration previous) {
        Duration next = previous.isZero() ? Duration.ofMillis(200) : previous.multipliedBy(2);
        return next.compareTo(Duration.ofSeconds(5)) > 0 ? Duration.ofSeconds(5) : next;
    }

    /** One round for one shard; true if something was published. Throws when Kafka or Redis fails. */
    private boolean relayShard(int shard) {
        String stream = keys.outbox(shard);
        var streams = redis.stream(String.class, String.class, String.class);
        if (!groupReady[shard]) {
            ensureGroup(stream);
            groupReady[shard] = true;
        }
        int batch = config.events().relayBatchSize();
        // first what this relay took before and could not publish, then what is new
        List<StreamMessage<String, String, String>> messages =
                streams.xreadgroup(GROUP, consumer, stream, "0", new XReadGroupArgs().count(batch));
        if (messages.isEmpty()) {
            messages = streams.xreadgroup(GROUP, consumer, stream, ">", new XReadGroupArgs().count(batch));
        }
        if (messages.isEmpty() && Instant.now().isAfter(lastClaim[shard].plus(config.events().relayClaimAfter()))) {
            lastClaim[shard] = Instant.now();
            messages = streams.xautoclaim(stream, GROUP, consumer, config.events().relayClaimAfter(), "0", batch)
                    .getMessages();
        }
        if (messages.isEmpty()) {
            return false;
        }
        List<Future<RecordMetadata>> sends = new ArrayList<>(messages.size());
        List<SessionEnded> events = new ArrayList<>(messages.size());
        List<Span> spans = new ArrayList<>(messages.size());
        for (var message : messages) {
            SessionEnded event = OutboxEntries.toEvent(message.payload());
            events.add(event);
            Span span = publishSpan(event, OutboxEntries.trace(message.payload()));
            spans.add(span);
            var record = new ProducerRecord<>(config.events().topic(), event.partitionKey(), toJson(event));
            // the record continues the logout's trace: the dispatcher's deliveries become children of this span
            TraceCarrier.capture(otel, Context.root().with(span)).forEach((name, value) ->
                    record.headers().add(new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8))));
            sends.add(producer.send(record));
        }
        List<String> acknowledged = new ArrayList<>(messages.size());
        RuntimeException failure = null;
        for (int i = 0; i < sends.size(); i++) {
            try {
                sends.get(i).get(config.events().publishTimeout().toMillis(), TimeUnit.MILLISECONDS);
                acknowledged.add(messages.get(i).id());
                publishLatency.record(Duration.between(events.get(i).endedAt(), Instant.now()));
            } catch (Exception e) {
                failure = new IllegalStateException("Kafka did not acknowledge event " + events.get(i).eventId()
                        + ": " + e.getMessage(), e);
                spans.get(i).setStatus(StatusCode.ERROR, "not acknowledged (will be sent again)");
            } finally {
                spans.get(i).end();
            }
        }
        if (!acknowledged.isEmpty()) {
            String[] ids = acknowledged.toArray(String[]::new);
            streams.xack(stream, GROUP, ids);
            streams.xdel(stream, ids);
            metrics.counter("session_events_published").increment(ids.length);
        }
        if (failure != null) {
            throw failure;
        }
        return true;
    }

    /** A producer span for one event, the child of the request that ended the session (if one did). */
    private Span publishSpan(SessionEnded event, Map<String, String> trace) {
        return tracer.spanBuilder(config.events().topic() + " publish")
                .setParent(TraceCarrier.restore(otel, trace))
                .setSpanKind(SpanKind.PRODUCER)
                .setAttribute("messaging.system", "kafka")
                .setAttribute("messaging.destination.name", config.events().topic())
                .setAttribute("messaging.message.id", event.eventId())
                .setAttribute("sso.reason", event.reason().wireValue())
                .startSpan();
    }

    private void ensureGroup(String stream) {
        try {
            redis.stream(String.class, String.class, String.class)
                    .xgroupCreate(stream, GROUP, "0", new XGroupCreateArgs().mkstream());
        } catch (RuntimeException e) {
            if (!String.valueOf(e.getMessage()).contains("BUSYGROUP")) {
                throw e;
            }
        }
    }

    private String toJson(SessionEnded event) {
        try {
            return json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + event.eventId(), e);
        }
    }

    private static String consumerName() {
        String host;
        try {
            host = System.getenv().getOrDefault("HOSTNAME", InetAddress.getLocalHost().getHostName());
        } catch (Exception e) {
            host = "session-service";
        }
        return host + "-" + ManagementFactory.getRuntimeMXBean().getPid() + "-"
                + UUID.randomUUID().toString().substring(0, 8);
    }
}
