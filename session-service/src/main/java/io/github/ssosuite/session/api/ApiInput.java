package io.github.ssosuite.session.api;

import io.github.ssosuite.contracts.EndReason;

import java.util.Set;

/** Checks on what callers send: each failure is a 400 that says what is wrong. */
final class ApiInput {

    /** Reasons a caller may give; {@code expired} belongs to the service itself. */
    static final Set<EndReason> CALLER_REASONS = Set.of(EndReason.LOGOUT, EndReason.PASSWORD_RESET,
            EndReason.ACCOUNT_DELETED, EndReason.ADMIN, EndReason.USER_ALL_DEVICES);

    private ApiInput() {
    }

    /** An identifier (sub, client_id): 1–255 characters, no control characters. */
    static String identifier(String name, String value) {
        if (value == null || value.isEmpty()) {
            throw ProblemException.badRequest(name + " is required");
        }
        if (value.length() > 255) {
            throw ProblemException.badRequest(name + " is longer than 255 characters");
        }
        if (value.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw ProblemException.badRequest(name + " contains control characters");
        }
        return value;
    }

    static String optionalText(String name, String value, int max) {
        if (value == null) {
            return null;
        }
        if (value.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw ProblemException.badRequest(name + " contains control characters");
        }
        return value.length() > max ? value.substring(0, max) : value;
    }

    static EndReason reason(String value, EndReason fallback) {
        if (value == null || value.isEmpty()) {
            return fallback;
        }
        EndReason reason;
        try {
            reason = EndReason.fromWire(value);
        } catch (IllegalArgumentException e) {
            reason = null;
        }
        if (reason == null || !CALLER_REASONS.contains(reason)) {
            throw ProblemException.badRequest("reason must be one of logout, password_reset, account_deleted, "
                    + "admin, user_all_devices");
        }
        return reason;
    }
}
