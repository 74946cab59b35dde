package io.github.ssosuite.contracts;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;

/** Why an SSO session ended. The wire value is the lower-case name used in the REST API and in events. */
public enum EndReason {
    /** The user logged out (RP-initiated logout or the OP's logout page). */
    LOGOUT("logout"),
    /** The user's password was reset: every session and grant goes. */
    PASSWORD_RESET("password_reset"),
    /** The account was deleted. */
    ACCOUNT_DELETED("account_deleted"),
    /** An operator ended the session. */
    ADMIN("admin"),
    /** The user chose "sign out all my devices". */
    USER_ALL_DEVICES("user_all_devices"),
    /** Idle or absolute lifetime ran out. */
    EXPIRED("expired");

    private final String wireValue;

    EndReason(String wireValue) {
        this.wireValue = wireValue;
    }

    @JsonValue
    public String wireValue() {
        return wireValue;
    }

    /**
     * Whether this reason revokes everything of the user, {@code offline_access} grants included
     * (DESIGN flow 3: offline grants survive a plain logout but not a "revoke everything").
     */
    public boolean revokesOfflineGrants() {
        return this == PASSWORD_RESET || this == ACCOUNT_DELETED || this == USER_ALL_DEVICES || this == ADMIN;
    }

    @JsonCreator
    public static EndReason fromWire(String value) {
        return Arrays.stream(values())
                .filter(r -> r.wireValue.equals(value))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown end reason: " + value));
    }
}
