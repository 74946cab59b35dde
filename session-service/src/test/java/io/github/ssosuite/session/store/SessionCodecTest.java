package io.github.ssosuite.session.store;

import io.github.ssosuite.contracts.ParticipatingClient;
import io.github.ssosuite.session.model.Session;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SessionCodecTest {

    @Test
    void aSessionRoundTripsThroughItsHashFieldsAndNoValueExceeds64Bytes() {
        String ua = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
                + "Chrome/131.0.0.0 Safari/537.36 ünïcödé 🚀";
        Instant t = Instant.ofEpochMilli(1_767_000_000_123L);
        Session session = new Session("1-AAAAAAAAAAAAAAAAAAAAAA", "alice", Instant.ofEpochSecond(1_767_000_000L),
                List.of("pwd", "otp"), "acr-1", t, t, t.plusSeconds(60), t.plusSeconds(3600), ua, "2001:db8::1",
                "bs-1", List.of());

        var fields = SessionCodec.fields(session);
        fields.put("c:wiki", Long.toString(t.toEpochMilli()));

        assertThat(fields.values()).allSatisfy(v ->
                assertThat(v.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(64));
        Session decoded = SessionCodec.decode(session.sid(), fields);
        assertThat(decoded.userAgent()).isEqualTo(ua);
        assertThat(decoded.clients()).containsExactly(new ParticipatingClient("wiki", t));
        assertThat(decoded).usingRecursiveComparison().ignoringFields("clients").isEqualTo(session);
    }

    @Test
    void chunksNeverSplitACharacter() {
        assertThat(SessionCodec.chunks("", 64)).containsExactly("");
        assertThat(SessionCodec.chunks("abc", 2)).containsExactly("ab", "c");
        assertThat(SessionCodec.chunks("é".repeat(3), 4)).containsExactly("éé", "é");
        assertThat(SessionCodec.chunks("🚀🚀", 5)).containsExactly("🚀", "🚀");
    }
}
