package io.github.ssosuite.auth.oidc;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * OpenID Connect Front-Channel Logout 1.0 §2–§3 (checklist E1, E2, A10): the URL the OP's logged-out page loads
 * in an iframe for each RP of the session. The OP supports sessions, so it always sends both {@code iss} and
 * {@code sid} (if either is present both must be, E2; P19), appended to the registered URI with its own query
 * kept (A10).
 */
public final class FrontChannelLogout {

    private FrontChannelLogout() {
    }

    public static String iframeUrl(String frontchannelLogoutUri, String issuer, String sid) {
        return frontchannelLogoutUri + (frontchannelLogoutUri.contains("?") ? "&" : "?")
                + "iss=" + URLEncoder.encode(issuer, StandardCharsets.UTF_8)
                + "&sid=" + URLEncoder.encode(sid, StandardCharsets.UTF_8);
    }
}
