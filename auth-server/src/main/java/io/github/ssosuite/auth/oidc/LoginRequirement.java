package io.github.ssosuite.auth.oidc;

import java.time.Instant;

/**
 * Whether an authentication request can use the current OP session or needs the user to log in (Core §3.1.2.1
 * {@code prompt}, {@code max_age}, {@code id_token_hint}; checklist B1–B5). Pure.
 */
public final class LoginRequirement {

    public enum Decision {
        /** The session answers: no UI (SSO, B2). */
        USE_SESSION,
        /** Show the login form. */
        LOGIN,
        /** The user must log in but {@code prompt=none} forbids UI: {@code login_required} (B1). */
        LOGIN_REQUIRED
    }

    private LoginRequirement() {
    }

    /**
     * @param sessionSub      the subject of the live OP session, or null when there is none
     * @param sessionAuthTime when that session's user last authenticated
     * @param hintSub         the subject of a valid {@code id_token_hint}, or null
     */
    public static Decision decide(AuthorizationRequest request, String sessionSub, Instant sessionAuthTime,
            String hintSub, Instant now) {
        boolean mustLogin = sessionSub == null
                || request.prompts().contains("login")                              // B4
                || (request.maxAge() != null                                        // B5; max_age=0 is prompt=login
                    && (request.maxAge() == 0 || now.getEpochSecond() - sessionAuthTime.getEpochSecond() > request.maxAge()))
                || (hintSub != null && !hintSub.equals(sessionSub));               // B3: a hint for another user
        if (!mustLogin) {
            return Decision.USE_SESSION;
        }
        return request.promptNone() ? Decision.LOGIN_REQUIRED : Decision.LOGIN;
    }

    /**
     * Whether a live session alone decides this request: no {@code prompt=login}, no {@code max_age}, no
     * {@code id_token_hint}, no consent to ask. {@link #decide} then answers USE_SESSION for any live session, so
     * the session can be joined at once: one call to the session service instead of a read and then a join.
     */
    public static boolean sessionSuffices(AuthorizationRequest request, boolean clientRequiresConsent) {
        return !request.prompts().contains("login") && request.maxAge() == null && request.idTokenHint() == null
                && !needsConsent(request, clientRequiresConsent);
    }

    /**
     * Whether the user must be asked for consent: the client requires it, or {@code offline_access} is requested
     * with {@code prompt=consent} (Core §11; checklist H2).
     */
    public static boolean needsConsent(AuthorizationRequest request, boolean clientRequiresConsent) {
        return clientRequiresConsent || (request.scopes().contains("offline_access") && request.prompts().contains("consent"));
    }

    /** The scopes granted: {@code offline_access} only when consent for it was asked (H2). */
    public static java.util.List<String> grantedScopes(AuthorizationRequest request) {
        return request.scopes().stream()
                .filter(s -> !s.equals("offline_access") || request.prompts().contains("consent")).toList();
    }
}
