package io.github.ssosuite.session.model;

import java.time.Instant;
import java.util.List;

/** What auth-server knows at login: who, when and how the user authenticated, and from where. */
public record NewSession(
        String sub,
        Instant authTime,
        List<String> amr,
        String acr,
        String userAgent,
        String ip,
        String clientId) {
}
