package io.github.ssosuite.demorp;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class LogoutAuditTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T10:15:30Z"), ZoneOffset.UTC);

    @Test
    void recordsTypeIsoInstantAndSidInOrder() {
        LogoutAudit audit = new LogoutAudit(CLOCK, 10);

        audit.record(AuditEntry.BACKCHANNEL_LOGOUT, "3-abc");
        audit.record(AuditEntry.SIGNED_OUT, null);

        assertThat(audit.entries()).containsExactly(
                new AuditEntry("backchannel_logout", "2026-11-22T10:15:30Z", "3-abc"),
                new AuditEntry("signed_out", "2026-11-22T10:15:30Z", null));
    }

    @Test
    void keepsOnlyTheNewestEntriesPastItsCapacity() {
        LogoutAudit audit = new LogoutAudit(CLOCK, 2);

        audit.record(AuditEntry.BACKCHANNEL_LOGOUT, "1");
        audit.record(AuditEntry.BACKCHANNEL_LOGOUT, "2");
        audit.record(AuditEntry.BACKCHANNEL_LOGOUT, "3");

        assertThat(audit.entries()).extracting(AuditEntry::sid).containsExactly("2", "3");
    }

    @Test
    void entriesAreASnapshot() {
        LogoutAudit audit = new LogoutAudit(CLOCK, 10);
        var before = audit.entries();

        audit.record(AuditEntry.FRONTCHANNEL_LOGOUT, "s");

        assertThat(before).isEmpty();
        assertThat(audit.entries()).hasSize(1);
    }
}
