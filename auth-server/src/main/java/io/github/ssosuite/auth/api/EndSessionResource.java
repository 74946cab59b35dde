package io.github.ssosuite.auth.api;

import io.github.ssosuite.auth.authorize.AuthorizationFlow;
import io.github.ssosuite.auth.client.ClientService;
import io.github.ssosuite.auth.client.Secrets;
import io.github.ssosuite.auth.config.AuthServerConfig;
import io.github.ssosuite.auth.logout.Logouts;
import io.github.ssosuite.auth.oidc.RpInitiatedLogout;
import io.github.ssosuite.auth.oidc.RpInitiatedLogout.Confirm;
import io.github.ssosuite.auth.oidc.RpInitiatedLogout.Decision;
import io.github.ssosuite.auth.oidc.RpInitiatedLogout.Hint;
import io.github.ssosuite.auth.oidc.RpInitiatedLogout.Refused;
import io.github.ssosuite.auth.session.OpSessionCookie;
import io.github.ssosuite.auth.session.SessionServiceClient.Session;
import io.github.ssosuite.auth.session.Sessions;
import io.github.ssosuite.auth.token.JwsVerifier;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * The end-session endpoint (RP-Initiated Logout 1.0; checklist D, E; DESIGN flows 4 and 6), GET and POST (D1).
 * The rules are {@link RpInitiatedLogout}'s; here the hint is verified, the client looked up, the user asked when
 * the rules say so, and the logout carried out by {@link Logouts}: session ended, back channel awaited (bounded),
 * front-channel iframes loaded, then the redirect.
 */
@Path("/logout")
public class EndSessionResource {

    static final String CSRF_COOKIE = "logout_csrf";

    private final JwsVerifier verifier;
    private final ClientService clients;
    private final Sessions sessions;
    private final Logouts logouts;
    private final OpSessionCookie cookies;
    private final AuthServerConfig config;
    private final Template confirm;
    private final Template loggedOut;
    private final Template error;

    public EndSessionResource(JwsVerifier verifier, ClientService clients, Sessions sessions, Logouts logouts,
            OpSessionCookie cookies, AuthServerConfig config, @Location("logout_confirm.html") Template confirm,
            @Location("logged_out.html") Template loggedOut, @Location("logout_error.html") Template error) {
        this.verifier = verifier;
        this.clients = clients;
        this.sessions = sessions;
        this.logouts = logouts;
        this.cookies = cookies;
        this.config = config;
        this.confirm = confirm;
        this.loggedOut = loggedOut;
        this.error = error;
    }

    @GET
    public Uni<Response> get(@Context UriInfo uri, @CookieParam(OpSessionCookie.NAME) String sessionCookie,
            @CookieParam(CSRF_COOKIE) String csrf) {
        return endSession(uri.getQueryParameters(), sessionCookie, csrf);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> post(MultivaluedMap<String, String> form, @CookieParam(OpSessionCookie.NAME) String sessionCookie,
            @CookieParam(CSRF_COOKIE) String csrf) {
        return endSession(form, sessionCookie, csrf);
    }

    /** The user's answer on the confirmation page: a POST with the page's CSRF token; no GET does this (D13). */
    @POST
    @Path("/confirm")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> confirmed(@FormParam("csrf") String csrf, @FormParam("decision") String decision,
            @FormParam("client_id") String clientId, @FormParam("post_logout_redirect_uri") String postLogoutRedirectUri,
            @FormParam("state") String state, @CookieParam(CSRF_COOKIE) String csrfCookie,
            @CookieParam(OpSessionCookie.NAME) String sessionCookie) {
        if (!Csrf.matches(csrf, csrfCookie)) {
            return Uni.createFrom().item(errorPage(403, "This sign-out form expired. Please try again."));
        }
        if (!"logout".equals(decision)) {
            return Uni.createFrom().item(AuthorizationFlow.page(200, loggedOut.data("signedOut", false)
                    .data("redirect", null).data("frontchannel", List.of()).data("timeoutMs", 0).render()));
        }
        var request = new RpInitiatedLogout.Request(null, null, blankAsNull(clientId), blankAsNull(postLogoutRedirectUri),
                blankAsNull(state), null);
        return client(request.clientId()).chain(known -> {
            // the same exact-match rule again: the hidden fields are the user's to edit
            Decision again = RpInitiatedLogout.decide(request, null, rules(known), null, null);
            return logOut(cookies.sid(sessionCookie), again.redirect());
        }).onFailure(Refused.class).recoverWithItem(e -> errorPage(400, e.getMessage()))
                .onFailure(Sessions.SessionsUnavailable.class).recoverWithItem(e -> unavailable());
    }

    private Uni<Response> endSession(Map<String, List<String>> params, String sessionCookie, String csrfCookie) {
        RpInitiatedLogout.Request request;
        Hint hint;
        try {
            request = RpInitiatedLogout.parse(params);
            hint = hint(request.idTokenHint());
            RpInitiatedLogout.clientOf(request, hint); // D5 before any lookup
        } catch (Refused e) {
            return Uni.createFrom().item(errorPage(400, e.getMessage()));
        }
        String sid = cookies.sid(sessionCookie);
        Uni<Session> current = sid == null ? Uni.createFrom().nullItem() : sessions.get(sid);
        return current.chain(session -> client(RpInitiatedLogout.clientOf(request, hint)).chain(known -> {
            Decision decision = RpInitiatedLogout.decide(request, hint, rules(known),
                    session == null ? null : session.sid(), session == null ? null : session.sub());
            if (decision instanceof Confirm c) {
                String name = c.clientId() == null || known == null ? null : known.displayName();
                return Uni.createFrom().item(confirmation(request, c, name, csrfCookie));
            }
            return logOut(session == null ? null : session.sid(), decision.redirect());
        })).onFailure(Refused.class).recoverWithItem(e -> errorPage(400, e.getMessage()))
                .onFailure(Sessions.SessionsUnavailable.class).recoverWithItem(e -> unavailable());
    }

    /** Ends the session, waits for the back channel, then redirects, or renders the front-channel iframes first. */
    private Uni<Response> logOut(String sid, String redirect) {
        return logouts.end(sid, "logout").map(outcome -> {
            NewCookie[] set = {cookies.clear(OpSessionCookie.NAME), cookies.browserState(Secrets.random(16))};
            if (outcome.frontchannelUrls().isEmpty() && redirect != null) {
                return Response.seeOther(URI.create(redirect)).header("Cache-Control", "no-store").cookie(set).build();
            }
            return Response.fromResponse(AuthorizationFlow.page(200, loggedOut.data("signedOut", true)
                    .data("redirect", redirect).data("frontchannel", outcome.frontchannelUrls())
                    .data("timeoutMs", config.logout().frontchannelTimeout().toMillis()).render())).cookie(set).build();
        });
    }

    private Response confirmation(RpInitiatedLogout.Request request, Confirm decision, String clientName,
            String csrfCookie) {
        String token = Csrf.token(csrfCookie);
        String html = confirm.data("csrf", token).data("client", clientName)
                .data("clientId", decision.clientId() == null ? "" : decision.clientId())
                .data("postLogoutRedirectUri", decision.redirect() == null ? "" : request.postLogoutRedirectUri())
                .data("state", decision.redirect() == null || request.state() == null ? "" : request.state()).render();
        return Csrf.withCookie(AuthorizationFlow.page(200, html), CSRF_COOKIE, "/logout", token, config.cookies().secure());
    }

    /** A verified hint, or null without one; a hint that is not ours is refused, with no redirect (D3). */
    private Hint hint(String idTokenHint) {
        if (idTokenHint == null) {
            return null;
        }
        JwsVerifier.Verified verified;
        try {
            verified = verifier.verify(idTokenHint, config.issuer()); // expired hints are fine (D4, P12)
        } catch (JwsVerifier.NotOurs e) {
            throw new Refused("the id_token_hint was not issued by this server");
        }
        Object typ = verified.header().get("typ");
        if ("at+jwt".equals(typ) || "logout+jwt".equals(typ)) {
            throw new Refused("the id_token_hint is not an ID token");
        }
        Object aud = verified.claims().get("aud");
        List<String> audience = aud instanceof List<?> l ? l.stream().map(String::valueOf).toList()
                : aud == null ? List.of() : List.of(aud.toString());
        return new Hint(audience, verified.claim("sub"), verified.claim("sid"));
    }

    /** A registered client as the logout rules see it, and the name the confirmation page shows. */
    private record KnownClient(RpInitiatedLogout.Client rules, String displayName) {
    }

    /** One lookup serves both the rules and the confirmation page; null when there is no such client. */
    private Uni<KnownClient> client(String clientId) {
        if (clientId == null) {
            return Uni.createFrom().nullItem();
        }
        return clients.find(clientId).map(c -> c == null ? null : new KnownClient(
                new RpInitiatedLogout.Client(c.clientId, clients.list(c.postLogoutRedirectUris)),
                c.clientName == null ? c.clientId : c.clientName));
    }

    private static RpInitiatedLogout.Client rules(KnownClient known) {
        return known == null ? null : known.rules();
    }

    private Response errorPage(int status, String message) {
        return AuthorizationFlow.page(status, error.data("message", message).render());
    }

    private Response unavailable() {
        return errorPage(503, "Signing out is not possible right now. Please try again in a moment.");
    }

    private static String blankAsNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }


}
