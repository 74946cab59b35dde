package io.github.ssosuite.session;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.github.ssosuite.contracts.SessionEnded;
import io.github.ssosuite.contracts.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** Reads the session-ended topic from the moment it is opened: what tests expect the relay to publish. */
public final class SessionEndedTopic implements AutoCloseable {

    /** A record as it arrived: its key and its event. */
    public record Received(String key, SessionEnded event) {
    }

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final KafkaConsumer<String, String> consumer;
    private final List<Received> received = new ArrayList<>();

    public SessionEndedTopic(String bootstrapServers) {
        this(bootstrapServers, false);
    }

    /** Reads from now on, or the whole topic ({@code fromBeginning}). */
    public SessionEndedTopic(String bootstrapServers, boolean fromBeginning) {
        consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.SESSION_ENDED, Duration.ofSeconds(30)).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        if (fromBeginning) {
            consumer.seekToBeginning(partitions);
        } else {
            consumer.seekToEnd(partitions);
        }
        partitions.forEach(consumer::position); // resolve the offsets now, before the test produces
    }

    /** Polls until {@code count} events matching {@code filter} arrived (or fails after {@code timeout}). */
    public List<Received> await(Predicate<SessionEnded> filter, int count, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            List<Received> matching = received.stream().filter(r -> filter.test(r.event())).toList();
            if (matching.size() >= count || Instant.now().isAfter(deadline)) {
                if (matching.size() < count) {
                    throw new AssertionError("expected " + count + " events, got " + matching.size() + " in " + timeout);
                }
                return matching;
            }
            consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                try {
                    received.add(new Received(record.key(), JSON.readValue(record.value(), SessionEnded.class)));
                } catch (Exception e) {
                    throw new AssertionError("unreadable event on the topic: " + record.value(), e);
                }
            });
        }
    }

    /** Keeps polling for {@code quiet} and returns everything matching (to check nothing more arrives). */
    public List<Received> drain(Predicate<SessionEnded> filter, Duration quiet) {
        Instant end = Instant.now().plus(quiet);
        while (Instant.now().isBefore(end)) {
            await(filter, 0, Duration.ZERO);
            consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                try {
                    received.add(new Received(record.key(), JSON.readValue(record.value(), SessionEnded.class)));
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            });
        }
        return received.stream().filter(r -> filter.test(r.event())).toList();
    }

    @Override
    public void close() {
        consumer.close();
    }
}
