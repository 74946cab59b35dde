package io.github.ssosuite.auth.oidc;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * OpenID Connect RP-Initiated Logout 1.0 (checklist D): what a logout request asks, and what the OP does with it.
 * Pure: the resource verifies the {@code id_token_hint} and looks up the client, then asks {@link #decide}.
 *
 * <ul>
 *   <li>An {@code id_token_hint} must be ours (signature and issuer; D3), may be expired (D4), and fixes the
 *   client: a {@code client_id} naming another client is refused (D5).</li>
 *   <li>{@code post_logout_redirect_uri} is followed only when it equals, byte for byte, one the client registered
 *   (D7), and only when the client is known from the hint or {@code client_id} (D8). Anything else is refused
 *   with an error page: no redirect, and nothing logged out.</li>
 *   <li>Without a hint, or with a hint for another session or user, the user confirms first (D6, P12).</li>
 *   <li>Nobody logged in is not an error (D9).</li>
 * </ul>
 */
public final class RpInitiatedLogout {

    static final int MAX_VALUE_LENGTH = 16384;

    /** The parameters of RPIL §2. {@code ui_locales} and {@code logout_hint} are read and tolerated (D2). */
    public record Request(String idTokenHint, String logoutHint, String clientId, String postLogoutRedirectUri,
            String state, String uiLocales) {
    }

    /** A request the OP refuses: an error page, never a redirect. */
    public static class Refused extends RuntimeException {
        public Refused(String message) {
            super(message);
        }
    }

    /** What a verified hint says: the client(s) it was issued to, and whose session. */
    public record Hint(List<String> audience, String sub, String sid) {
    }

    /** What the OP knows of the client: its registered post-logout redirect URIs. */
    public record Client(String clientId, List<String> postLogoutRedirectUris) {
    }

    /** The OP's decision. */
    public sealed interface Decision permits LogOut, Confirm {
        /** The client the logout came from, if known (hint or client_id). */
        String clientId();

        /** Where the browser goes afterwards (with state), or null for the OP's logged-out page. */
        String redirect();
    }

    /** End the current session (if any) now. */
    public record LogOut(String clientId, String redirect) implements Decision {
    }

    /** Ask the user first (D6); a confirmed POST then logs out. */
    public record Confirm(String clientId, String redirect) implements Decision {
    }

    private RpInitiatedLogout() {
    }

    /** Reads the parameters: each at most once (a repeated parameter is an error, RFC 6749 §3.1), none huge. */
    public static Request parse(Map<String, List<String>> params) {
        return new Request(single(params, "id_token_hint"), single(params, "logout_hint"), single(params, "client_id"),
                single(params, "post_logout_redirect_uri"), single(params, "state"), single(params, "ui_locales"));
    }

    /**
     * The client the request speaks for: the hint's audience, which {@code client_id} must then name (D5).
     *
     * @return the client id, or null when neither names one
     */
    public static String clientOf(Request request, Hint hint) {
        if (hint == null) {
            return request.clientId();
        }
        if (hint.audience() == null || hint.audience().isEmpty()) {
            throw new Refused("the id_token_hint has no audience");
        }
        if (request.clientId() != null) {
            if (!hint.audience().contains(request.clientId())) {
                throw new Refused("client_id does not match the id_token_hint");
            }
            return request.clientId();
        }
        return hint.audience().get(0);
    }

    /**
     * Decides, given the verified hint (or null), the client the request speaks for (or null when none is named,
     * or unknown), and the browser's current OP session (null when nobody is logged in).
     */
    public static Decision decide(Request request, Hint hint, Client client, String currentSid, String currentSub) {
        String clientId = clientOf(request, hint);
        if (clientId != null && client == null) {
            throw new Refused("the client is not known to this server");
        }
        String redirect = null;
        if (request.postLogoutRedirectUri() != null) {
            if (client == null) {
                throw new Refused("post_logout_redirect_uri needs an id_token_hint or a client_id");
            }
            // exact, byte-for-byte: no prefix, wildcard, trailing-slash or query tolerance (D7, P14)
            if (!client.postLogoutRedirectUris().contains(request.postLogoutRedirectUri())) {
                throw new Refused("post_logout_redirect_uri is not registered for this client");
            }
            redirect = withState(request.postLogoutRedirectUri(), request.state());
        }
        if (currentSid == null) {
            return new LogOut(clientId, redirect); // nobody logged in: not an error (D9)
        }
        if (hint != null && matches(hint, currentSid, currentSub)) {
            return new LogOut(clientId, redirect);
        }
        return new Confirm(clientId, redirect);
    }

    /** The hint names the browser's session: same sid, or (a hint without sid) the same user. */
    static boolean matches(Hint hint, String currentSid, String currentSub) {
        if (hint.sid() != null) {
            return hint.sid().equals(currentSid);
        }
        return hint.sub() != null && hint.sub().equals(currentSub);
    }

    /** The registered URI with {@code state} added, its own query kept; no state when none was given (D10). */
    public static String withState(String postLogoutRedirectUri, String state) {
        if (state == null) {
            return postLogoutRedirectUri;
        }
        return postLogoutRedirectUri + (postLogoutRedirectUri.contains("?") ? "&" : "?") + "state="
                + URLEncoder.encode(state, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String single(Map<String, List<String>> params, String name) {
        List<String> values = params.get(name);
        if (values == null || values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            throw new Refused(name + " is repeated");
        }
        String value = values.get(0);
        if (value == null || value.isEmpty()) {
            return null;
        }
        if (value.length() > MAX_VALUE_LENGTH) {
            throw new Refused(name + " is too long");
        }
        return value;
    }
}
