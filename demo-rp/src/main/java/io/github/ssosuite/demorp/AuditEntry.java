package io.github.ssosuite.demorp;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One line of the in-memory audit, as {@code GET /demo/events} shows it.
 *
 * @param type {@code backchannel_logout} (a valid logout token arrived), {@code backchannel_logout_completed} (the
 *             browser came back and its session was dropped), {@code frontchannel_logout} (the session was dropped by
 *             the OP's iframe) or {@code signed_out} (the post-logout redirect landed)
 * @param at   ISO-8601 instant
 * @param sid  the OP session id, when the event names one
 */
public record AuditEntry(String type, String at, @JsonInclude(JsonInclude.Include.NON_NULL) String sid) {

    public static final String BACKCHANNEL_LOGOUT = "backchannel_logout";
    public static final String BACKCHANNEL_LOGOUT_COMPLETED = "backchannel_logout_completed";
    public static final String FRONTCHANNEL_LOGOUT = "frontchannel_logout";
    public static final String SIGNED_OUT = "signed_out";
}
