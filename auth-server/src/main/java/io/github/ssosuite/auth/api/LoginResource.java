package io.github.ssosuite.auth.api;

import io.github.ssosuite.auth.authorize.AuthorizationFlow;
import io.github.ssosuite.auth.authorize.RedisGrants;
import io.github.ssosuite.auth.authorize.RedisGrants.Pending;
import io.github.ssosuite.auth.client.ClientService;
import io.github.ssosuite.auth.client.Secrets;
import io.github.ssosuite.auth.config.AuthServerConfig;
import io.github.ssosuite.auth.login.LoginThrottle;
import io.github.ssosuite.auth.oidc.LoginRequirement;
import io.github.ssosuite.auth.password.PasswordHashing;
import io.github.ssosuite.auth.session.OpSessionCookie;
import io.github.ssosuite.auth.session.SessionServiceClient.Session;
import io.github.ssosuite.auth.session.Sessions;
import io.github.ssosuite.auth.user.UserAccount;
import io.github.ssosuite.auth.user.UserRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;

import java.time.Instant;
import java.util.List;

/**
 * The login form and the consent page (Core §3.1.2.3). Both are CSRF-protected (a per-browser token in a cookie
 * and in the form, B10), never framed, and say nothing about which accounts exist.
 */
@Path("/login")
public class LoginResource {

    static final String CSRF_COOKIE = "login_csrf";
    private static final String FAILED = "Invalid username or password.";

    private final RedisGrants grants;
    private final AuthorizationFlow flow;
    private final UserRepository users;
    private final PasswordHashing passwords;
    private final LoginThrottle throttle;
    private final Sessions sessions;
    private final OpSessionCookie cookies;
    private final ClientService clients;
    private final AuthServerConfig config;
    private final Template login;
    private final Template consent;
    private volatile String dummyHash;

    public LoginResource(RedisGrants grants, AuthorizationFlow flow, UserRepository users, PasswordHashing passwords,
            LoginThrottle throttle, Sessions sessions, OpSessionCookie cookies, ClientService clients,
            AuthServerConfig config, @Location("login.html") Template login, @Location("consent.html") Template consent) {
        this.config = config;
        this.grants = grants;
        this.flow = flow;
        this.users = users;
        this.passwords = passwords;
        this.throttle = throttle;
        this.sessions = sessions;
        this.cookies = cookies;
        this.clients = clients;
        this.login = login;
        this.consent = consent;
    }

    @GET
    public Uni<Response> form(@QueryParam("id") String id, @CookieParam(CSRF_COOKIE) String csrf) {
        return grants.pending(id).map(pending -> {
            if (pending == null) {
                return expired();
            }
            String token = Csrf.token(csrf);
            String hint = pending.request().loginHint();
            return withCsrf(AuthorizationFlow.page(200, login.data("id", id).data("csrf", token)
                    .data("username", hint == null ? "" : hint).data("error", null).render()), token);
        });
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> submit(@FormParam("id") String id, @FormParam("csrf") String csrf,
            @FormParam("username") String username, @FormParam("password") String password,
            @CookieParam(CSRF_COOKIE) String csrfCookie, @CookieParam(OpSessionCookie.NAME) String sessionCookie,
            @HeaderParam("User-Agent") String userAgent, @Context HttpServerRequest http) {
        if (!Csrf.matches(csrf, csrfCookie)) {
            return Uni.createFrom().item(AuthorizationFlow.page(403,
                    login.data("id", id).data("csrf", csrfCookie).data("username", "")
                            .data("error", "Your login form expired. Please try again.").render()));
        }
        String ip = http.remoteAddress() == null ? "unknown" : http.remoteAddress().hostAddress();
        return grants.pending(id).chain(pending -> {
            if (pending == null) {
                return Uni.createFrom().item(expired());
            }
            if (username == null || username.isBlank() || password == null || username.length() > 255
                    || password.length() > 1024) {
                return Uni.createFrom().item(failed(id, csrf, username));
            }
            return throttle.blocked(username, ip).chain(blocked -> {
                if (blocked) {
                    return Uni.createFrom().item(AuthorizationFlow.page(429, login.data("id", id).data("csrf", csrf)
                            .data("username", username)
                            .data("error", "Too many failed attempts. Please wait a few minutes and try again.").render()));
                }
                return Panache.withSession(() -> users.findByUsername(username)).chain(user -> verify(user, password))
                        .chain(user -> {
                            if (user == null) {
                                return throttle.failed(username, ip).replaceWith(failed(id, csrf, username));
                            }
                            return throttle.succeeded(username)
                                    .chain(() -> authenticated(id, pending, user, sessionCookie, userAgent, ip));
                        });
            });
        });
    }

    /** The user proved who they are: a session (new, or the same one re-authenticated), then consent or the code. */
    private Uni<Response> authenticated(String id, Pending pending, UserAccount user, String sessionCookie,
            String userAgent, String ip) {
        var request = pending.request();
        Instant now = Instant.now();
        String existingSid = cookies.sid(sessionCookie);
        Uni<Session> existing = existingSid == null ? Uni.createFrom().nullItem() : sessions.get(existingSid);
        Uni<Session> session = existing.chain(current -> {
            if (current != null && current.sub().equals(user.id)) {
                // same user typed the password again (prompt=login, max_age): same sid, new auth_time
                return sessions.reauthenticate(current.sid(), now, List.of("pwd"), AuthorizationFlow.ACR_PASSWORD);
            }
            Uni<Void> endOther = current == null ? Uni.createFrom().voidItem()
                    : sessions.end(current.sid(), "logout").replaceWithVoid();
            return endOther.chain(() -> sessions.create(user.id, now, List.of("pwd"), AuthorizationFlow.ACR_PASSWORD,
                    userAgent, ip, null));
        });
        return session.chain(s -> clients.find(request.clientId()).chain(client -> {
            List<NewCookie> set = List.of(cookies.issue(s.sid()), cookies.browserState(s.browserState()));
            if (client != null && LoginRequirement.needsConsent(request, client.requireConsent)) {
                return grants.updatePending(id, new Pending(request, s.sid())).map(v ->
                        Response.seeOther(java.net.URI.create("/login/consent?id=" + id)).cookie(set.toArray(NewCookie[]::new)).build());
            }
            return grants.forgetPending(id).chain(() -> flow.complete(request, s.sid()))
                    .map(r -> Response.fromResponse(r).cookie(set.toArray(NewCookie[]::new)).build());
        }));
    }

    @GET
    @Path("/consent")
    public Uni<Response> consentForm(@QueryParam("id") String id, @CookieParam(CSRF_COOKIE) String csrf) {
        return grants.pending(id).chain(pending -> {
            if (pending == null || pending.sid() == null) {
                return Uni.createFrom().item(expired());
            }
            String token = Csrf.token(csrf);
            return clients.find(pending.request().clientId()).map(client -> withCsrf(AuthorizationFlow.page(200,
                    consent.data("id", id).data("csrf", token)
                            .data("client", client.clientName == null ? client.clientId : client.clientName)
                            .data("scopes", LoginRequirement.grantedScopes(pending.request())).render()), token));
        });
    }

    @POST
    @Path("/consent")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> consentDecision(@FormParam("id") String id, @FormParam("csrf") String csrf,
            @FormParam("decision") String decision, @CookieParam(CSRF_COOKIE) String csrfCookie) {
        if (!Csrf.matches(csrf, csrfCookie)) {
            return Uni.createFrom().item(AuthorizationFlow.page(403, "<p>Your consent form expired. Please try again.</p>"));
        }
        return grants.pending(id).chain(pending -> {
            if (pending == null || pending.sid() == null) {
                return Uni.createFrom().item(expired());
            }
            return grants.forgetPending(id).chain(() -> "allow".equals(decision)
                    ? flow.complete(pending.request(), pending.sid())
                    : Uni.createFrom().item(flow.errorResponse(pending.request(), "access_denied",
                            "the user did not consent", null)));
        });
    }

    /** Verifies the password; an unknown user costs the same hashing time as a known one (no enumeration). */
    private Uni<UserAccount> verify(UserAccount user, String password) {
        if (user == null || user.disabled) {
            return dummy().chain(hash -> passwords.verify(password, hash)).replaceWith((UserAccount) null);
        }
        return passwords.verify(password, user.passwordHash).map(ok -> ok ? user : null);
    }

    private Uni<String> dummy() {
        if (dummyHash != null) {
            return Uni.createFrom().item(dummyHash);
        }
        return passwords.hash(Secrets.random(16)).invoke(hash -> dummyHash = hash);
    }

    private Response failed(String id, String csrf, String username) {
        return AuthorizationFlow.page(401, login.data("id", id).data("csrf", csrf)
                .data("username", username == null ? "" : username).data("error", FAILED).render());
    }

    private Response expired() {
        return AuthorizationFlow.page(400, "<!doctype html><title>Login expired</title><p>This login has expired. "
                + "Please go back to the application and sign in again.</p>");
    }

    private Response withCsrf(Response page, String token) {
        return Csrf.withCookie(page, CSRF_COOKIE, "/login", token, config.cookies().secure());
    }
}
