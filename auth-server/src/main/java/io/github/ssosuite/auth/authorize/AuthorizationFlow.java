package io.github.ssosuite.auth.authorize;

import io.github.ssosuite.auth.authorize.RedisGrants.Pending;
import io.github.ssosuite.auth.client.ClientEntity;
import io.github.ssosuite.auth.client.ClientService;
import io.github.ssosuite.auth.config.AuthServerConfig;
import io.github.ssosuite.auth.oidc.AuthorizationError;
import io.github.ssosuite.auth.oidc.AuthorizationRequest;
import io.github.ssosuite.auth.oidc.AuthorizationRequestParser;
import io.github.ssosuite.auth.oidc.LoginRequirement;
import io.github.ssosuite.auth.oidc.SessionState;
import io.github.ssosuite.auth.session.OpSessionCookie;
import io.github.ssosuite.auth.session.SessionServiceClient.Session;
import io.github.ssosuite.auth.session.Sessions;
import io.github.ssosuite.auth.token.JwsVerifier;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The authorization code flow's steps (Core §3.1.2): read the request, use the OP session or send the user to
 * log in, ask consent where needed, and answer the client with a code (or an error) at its registered
 * redirect URI, as a query or a form post.
 */
@ApplicationScoped
public class AuthorizationFlow {

    public static final String ACR_PASSWORD = "1";

    private final ClientService clients;
    private final Sessions sessions;
    private final RedisGrants grants;
    private final OpSessionCookie cookies;
    private final AuthServerConfig config;
    private final JwsVerifier verifier;
    private final Template formPost;
    private final Template error;

    public AuthorizationFlow(ClientService clients, Sessions sessions, RedisGrants grants, OpSessionCookie cookies,
            AuthServerConfig config, JwsVerifier verifier, @Location("form_post.html") Template formPost,
            @Location("error.html") Template error) {
        this.verifier = verifier;
        this.clients = clients;
        this.sessions = sessions;
        this.grants = grants;
        this.cookies = cookies;
        this.config = config;
        this.formPost = formPost;
        this.error = error;
    }

    /** {@code /authorize}: everything up to the login page or the client's redirect. */
    public Uni<Response> authorize(Map<String, List<String>> params, String sessionCookie) {
        String clientId;
        try {
            clientId = AuthorizationRequestParser.clientId(params);
        } catch (AuthorizationError e) {
            return Uni.createFrom().item(errorPage(e.getMessage()));
        }
        return clients.find(clientId).chain(client -> {
            AuthorizationRequest request;
            try {
                request = AuthorizationRequestParser.parse(params, client == null ? null : view(client));
            } catch (AuthorizationError e) {
                if (!e.redirectable()) {
                    return Uni.createFrom().item(errorPage(e.getMessage()));
                }
                String redirectUri = params.get("redirect_uri").get(0);
                String responseMode = params.getOrDefault("response_mode", List.of("query")).get(0);
                return Uni.createFrom().item(errorResponse(clientId, redirectUri,
                        "form_post".equals(responseMode) ? "form_post" : "query",
                        AuthorizationRequestParser.stateOf(params), e.error(), e.getMessage(), null));
            }
            String sid = cookies.sid(sessionCookie);
            if (sid != null && LoginRequirement.sessionSuffices(request, client.requireConsent)) {
                // silent SSO's usual case: join the live session (or learn there is none) in one round trip
                return sessions.join(sid, request.clientId())
                        .chain(session -> session == null ? decide(request, client, null) : issue(request, session));
            }
            Uni<Session> current = sid == null ? Uni.createFrom().nullItem() : sessions.get(sid);
            return current.chain(session -> decide(request, client, session));
        });
    }

    private Uni<Response> decide(AuthorizationRequest request, ClientEntity client, Session session) {
        String hintSub = null;
        if (request.idTokenHint() != null) {
            // Core §3.1.2.1: a hint must be an ID token this OP issued; an expired one is still a hint
            try {
                var hint = verifier.verify(request.idTokenHint(), config.issuer());
                if ("at+jwt".equals(hint.header().get("typ"))) {
                    throw new JwsVerifier.NotOurs("an access token is not an ID token");
                }
                hintSub = hint.claim("sub");
            } catch (JwsVerifier.NotOurs e) {
                return Uni.createFrom().item(errorResponse(request, "invalid_request",
                        "id_token_hint is not an ID token issued by this server", null));
            }
        }
        var decision = LoginRequirement.decide(request, session == null ? null : session.sub(),
                session == null ? null : Instant.ofEpochSecond(session.authTime()), hintSub, Instant.now());
        return switch (decision) {
            case LOGIN_REQUIRED -> Uni.createFrom().item(errorResponse(request, "login_required",
                    "the user must log in", session == null ? null : session.browserState()));
            case LOGIN -> grants.savePending(new Pending(request, null))
                    .map(id -> Response.seeOther(URI.create("/login?id=" + id)).build());
            case USE_SESSION -> {
                if (LoginRequirement.needsConsent(request, client.requireConsent)) {
                    if (request.promptNone()) {
                        yield Uni.createFrom().item(errorResponse(request, "consent_required",
                                "the user must consent", session.browserState()));
                    }
                    yield grants.savePending(new Pending(request, session.sid()))
                            .map(id -> Response.seeOther(URI.create("/login/consent?id=" + id)).build());
                }
                yield complete(request, session.sid());
            }
        };
    }

    /** The user is authenticated in session {@code sid} (and consented where needed): issue the code. */
    public Uni<Response> complete(AuthorizationRequest request, String sid) {
        return sessions.join(sid, request.clientId()).chain(session -> {
            if (session == null) {
                // the session ended meanwhile: start over with a login
                return grants.savePending(new Pending(request, null))
                        .map(id -> Response.seeOther(URI.create("/login?id=" + id)).build());
            }
            return issue(request, session);
        });
    }

    /** The code for {@code request} in the live, joined {@code session}. */
    private Uni<Response> issue(AuthorizationRequest request, Session session) {
        var grant = new CodeGrant(request.clientId(), request.redirectUri(), session.sub(), session.sid(),
                LoginRequirement.grantedScopes(request), request.nonce(), session.authTime(), session.acr(),
                session.amr() == null ? List.of() : session.amr(), request.codeChallenge());
        return grants.issueCode(grant).map(code -> {
            Map<String, String> answer = new LinkedHashMap<>();
            answer.put("code", code);
            if (request.state() != null) {
                answer.put("state", request.state());
            }
            answer.put("session_state", SessionState.of(request.clientId(), request.redirectUri(), session.browserState()));
            answer.put("iss", config.issuer());
            return respond(request.redirectUri(), request.responseMode(), answer);
        });
    }

    /** An error for the client (Core §3.1.2.6): error, state unchanged, session_state (SM §2), iss (RFC 9207). */
    public Response errorResponse(AuthorizationRequest request, String errorCode, String description, String browserState) {
        return errorResponse(request.clientId(), request.redirectUri(), request.responseMode(), request.state(),
                errorCode, description, browserState);
    }

    private Response errorResponse(String clientId, String redirectUri, String responseMode, String state,
            String errorCode, String description, String browserState) {
        Map<String, String> answer = new LinkedHashMap<>();
        answer.put("error", errorCode);
        if (description != null) {
            answer.put("error_description", description);
        }
        if (state != null) {
            answer.put("state", state);
        }
        answer.put("session_state", SessionState.of(clientId, redirectUri, browserState));
        answer.put("iss", config.issuer());
        return respond(redirectUri, responseMode, answer);
    }

    private Response respond(String redirectUri, String responseMode, Map<String, String> answer) {
        if ("form_post".equals(responseMode)) {
            return page(200, formPost.data("action", redirectUri).data("fields", answer.entrySet()).render());
        }
        StringBuilder location = new StringBuilder(redirectUri);
        char separator = redirectUri.contains("?") ? '&' : '?';
        for (var field : answer.entrySet()) {
            location.append(separator).append(encode(field.getKey())).append('=').append(encode(field.getValue()));
            separator = '&';
        }
        return Response.status(302).location(URI.create(location.toString())).header("Cache-Control", "no-store").build();
    }

    /** The error page for requests that cannot go back to a client (unknown client, bad redirect URI). */
    public Response errorPage(String message) {
        return page(400, error.data("message", message).render());
    }

    /** Every page of the OP: no framing (clickjacking, Core §3.1.2.3, B10), no caching. */
    public static Response page(int status, String html) {
        return Response.status(status).type("text/html; charset=UTF-8")
                .header("X-Frame-Options", "DENY")
                .header("Content-Security-Policy", "frame-ancestors 'none'")
                .header("Cache-Control", "no-store")
                .header("Referrer-Policy", "no-referrer")
                .entity(html).build();
    }

    public AuthorizationRequestParser.ClientView view(ClientEntity client) {
        List<String> grantTypes = clients.list(client.grantTypes);
        return new AuthorizationRequestParser.ClientView(client.clientId, clients.list(client.redirectUris),
                clients.grantableScopes(client),
                "none".equals(client.tokenEndpointAuthMethod), grantTypes.contains("authorization_code"));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
