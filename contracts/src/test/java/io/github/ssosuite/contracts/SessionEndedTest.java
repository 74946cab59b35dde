package io.github.ssosuite.contracts;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SessionEndedTest {

    private final ObjectMapper json = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    @Test
    void wireFormatUsesSnakeCaseAndLowerCaseReasons() throws Exception {
        var event = new SessionEnded(SessionEnded.SCHEMA_VERSION, "ev-1", "sid-1", "user-1", EndReason.PASSWORD_RESET,
                List.of(new ParticipatingClient("wiki", Instant.parse("2026-01-01T10:00:00Z"))),
                Instant.parse("2026-01-01T11:00:00Z"), null);

        String text = json.writeValueAsString(event);

        assertThat(text).contains("\"event_id\":\"ev-1\"", "\"reason\":\"password_reset\"",
                "\"client_id\":\"wiki\"", "\"joined_at\":\"2026-01-01T10:00:00Z\"", "\"schema_version\":1");
        assertThat(json.readValue(text, SessionEnded.class)).isEqualTo(event);
    }

    @Test
    void consumersIgnoreFieldsAddedLater() throws Exception {
        String text = """
                {"schema_version":1,"event_id":"e","sub":"u","reason":"expired","ended_at":"2026-01-01T00:00:00Z",
                 "a_field_from_the_future":42}""";

        SessionEnded event = json.readValue(text, SessionEnded.class);

        assertThat(event.sid()).isNull();
        assertThat(event.clients()).isEmpty();
        assertThat(event.partitionKey()).isEqualTo("sub:u");
        assertThat(event.userWide()).isTrue();
        assertThat(event.endedSids()).isEmpty();
    }

    @Test
    void unknownReasonIsRejected() {
        assertThatThrownBy(() -> EndReason.fromWire("bored")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void onlyRevokeEverythingReasonsTakeOfflineGrants() {
        assertThat(EndReason.LOGOUT.revokesOfflineGrants()).isFalse();
        assertThat(EndReason.EXPIRED.revokesOfflineGrants()).isFalse();
        assertThat(EndReason.PASSWORD_RESET.revokesOfflineGrants()).isTrue();
        assertThat(EndReason.USER_ALL_DEVICES.revokesOfflineGrants()).isTrue();
    }
}
