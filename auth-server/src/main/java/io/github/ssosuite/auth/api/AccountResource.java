package io.github.ssosuite.auth.api;

import io.github.ssosuite.auth.authorize.AuthorizationFlow;
import io.github.ssosuite.auth.client.ClientService;
import io.github.ssosuite.auth.client.Secrets;
import io.github.ssosuite.auth.logout.Logouts;
import io.github.ssosuite.auth.session.OpSessionCookie;
import io.github.ssosuite.auth.session.SessionServiceClient.Session;
import io.github.ssosuite.auth.session.Sessions;
import io.github.ssosuite.auth.user.UserRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * "Sign out everywhere" for users (DESIGN flow 4): the account page, behind login, lists the user's live sessions
 * (device, IP, last seen, applications joined) and ends one of them or all. Every ending goes through
 * session-service, so each session's RPs are notified on the back channel; ending this browser's session also
 * loads its RPs' front-channel iframes. Forms carry a CSRF token (double-submit, SameSite=Strict cookie).
 */
@Path("/account")
public class AccountResource {

    static final String CSRF_COOKIE = "account_csrf";

    /** One row of the page. */
    @io.quarkus.qute.TemplateData
    public record SessionRow(String sid, boolean current, String device, String ip, String createdAt,
            String lastSeenAt, List<String> applications) {
    }

    private final Sessions sessions;
    private final Logouts logouts;
    private final ClientService clients;
    private final UserRepository users;
    private final OpSessionCookie cookies;
    private final Template account;
    private final Template loggedOut;
    private final Template error;
    private final io.github.ssosuite.auth.config.AuthServerConfig config;

    public AccountResource(Sessions sessions, Logouts logouts, ClientService clients, UserRepository users,
            OpSessionCookie cookies, io.github.ssosuite.auth.config.AuthServerConfig config,
            @Location("account.html") Template account, @Location("logged_out.html") Template loggedOut,
            @Location("logout_error.html") Template error) {
        this.sessions = sessions;
        this.logouts = logouts;
        this.clients = clients;
        this.users = users;
        this.cookies = cookies;
        this.config = config;
        this.account = account;
        this.loggedOut = loggedOut;
        this.error = error;
    }

    @GET
    public Uni<Response> page(@CookieParam(OpSessionCookie.NAME) String sessionCookie,
            @CookieParam(CSRF_COOKIE) String csrfCookie) {
        return current(sessionCookie).chain(session -> {
            if (session == null) {
                return Uni.createFrom().item(signIn());
            }
            return sessions.ofUser(session.sub()).chain(all -> {
                Set<String> clientIds = all.stream().flatMap(s -> s.clientIds().stream())
                        .collect(Collectors.toCollection(LinkedHashSet::new));
                return clients.findAll(clientIds).chain(found -> Panache.withSession(() -> users.findById(session.sub()))
                        .map(user -> {
                            Map<String, String> names = found.stream().collect(Collectors.toMap(c -> c.clientId,
                                    c -> c.clientName == null ? c.clientId : c.clientName, (a, b) -> a));
                            List<SessionRow> rows = all.stream().map(s -> new SessionRow(s.sid(),
                                    s.sid().equals(session.sid()), device(s.userAgent()), s.ip(), s.createdAt(),
                                    s.lastSeenAt(), s.clientIds().stream()
                                            .filter(id -> !id.equals(ClientService.ACCOUNT_CONSOLE))
                                            .map(id -> names.getOrDefault(id, id)).toList())).toList();
                            String token = Csrf.token(csrfCookie);
                            return withCsrf(AuthorizationFlow.page(200, account.data("user", user == null ? session.sub()
                                    : user.username).data("sessions", rows).data("csrf", token).render()), token);
                        }));
            });
        }).onFailure(Sessions.SessionsUnavailable.class).recoverWithItem(e -> unavailable());
    }

    /** Where the account page's own sign-in comes back: the OP session cookie is set by now. */
    @GET
    @Path("/callback")
    public Response callback() {
        return Response.seeOther(URI.create("/account")).header("Cache-Control", "no-store").build();
    }

    /** Ends one of the user's sessions (another device, or this one). */
    @POST
    @Path("/sessions/end")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> endOne(@FormParam("csrf") String csrf, @FormParam("sid") String sid,
            @CookieParam(CSRF_COOKIE) String csrfCookie, @CookieParam(OpSessionCookie.NAME) String sessionCookie) {
        if (!Csrf.matches(csrf, csrfCookie)) {
            return Uni.createFrom().item(errorPage(403, "This form expired. Please reload the page and try again."));
        }
        return current(sessionCookie).chain(session -> {
            if (session == null) {
                return Uni.createFrom().item(signIn());
            }
            return sessions.ofUser(session.sub()).chain(all -> {
                if (sid == null || all.stream().noneMatch(s -> s.sid().equals(sid))) {
                    // not one of this user's live sessions: nothing to do, and nothing said about whose it is
                    return Uni.createFrom().item(errorPage(400, "That session is not one of yours, or has already ended."));
                }
                return logouts.end(sid, "logout").map(outcome -> sid.equals(session.sid())
                        ? signedOut(outcome.frontchannelUrls())
                        : Response.seeOther(URI.create("/account")).header("Cache-Control", "no-store").build());
            });
        }).onFailure(Sessions.SessionsUnavailable.class).recoverWithItem(e -> unavailable());
    }

    /** "Sign out everywhere": every session of the user ends (one user-wide event; checklist P5). */
    @POST
    @Path("/sessions/end-all")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> endAll(@FormParam("csrf") String csrf, @CookieParam(CSRF_COOKIE) String csrfCookie,
            @CookieParam(OpSessionCookie.NAME) String sessionCookie) {
        if (!Csrf.matches(csrf, csrfCookie)) {
            return Uni.createFrom().item(errorPage(403, "This form expired. Please reload the page and try again."));
        }
        return current(sessionCookie).chain(session -> {
            if (session == null) {
                return Uni.createFrom().item(signIn());
            }
            return logouts.frontchannelUrls(session).chain(frontchannel -> logouts
                    .endAllOfUser(session.sub(), "user_all_devices").map(notified -> signedOut(frontchannel)));
        }).onFailure(Sessions.SessionsUnavailable.class).recoverWithItem(e -> unavailable());
    }

    private Uni<Session> current(String sessionCookie) {
        String sid = cookies.sid(sessionCookie);
        return sid == null ? Uni.createFrom().nullItem() : sessions.get(sid);
    }

    /** Not signed in: the code flow, as the OP's own "account" client. */
    private Response signIn() {
        String location = "/authorize?response_type=code&scope=openid&client_id=" + ClientService.ACCOUNT_CONSOLE
                + "&redirect_uri=" + URLEncoder.encode(clients.accountConsoleRedirectUri(), StandardCharsets.UTF_8)
                + "&state=" + Secrets.random(16);
        return Response.seeOther(URI.create(location)).header("Cache-Control", "no-store").build();
    }

    private Response signedOut(List<String> frontchannel) {
        return Response.fromResponse(AuthorizationFlow.page(200, loggedOut.data("signedOut", true).data("redirect", null)
                .data("frontchannel", frontchannel).data("timeoutMs", config.logout().frontchannelTimeout().toMillis())
                .render())).cookie(cookies.clear(OpSessionCookie.NAME), cookies.browserState(Secrets.random(16))).build();
    }

    /** A short device description from the User-Agent: browser and platform, enough to recognise a device. */
    static String device(String userAgent) {
        if (userAgent == null || userAgent.isBlank()) {
            return "Unknown device";
        }
        String browser = userAgent.contains("Edg/") ? "Edge" : userAgent.contains("Firefox/") ? "Firefox"
                : userAgent.contains("Chrome/") || userAgent.contains("Chromium/") ? "Chrome"
                : userAgent.contains("Safari/") ? "Safari" : null;
        String platform = userAgent.contains("Android") ? "Android" : userAgent.contains("iPhone") ? "iPhone"
                : userAgent.contains("iPad") ? "iPad" : userAgent.contains("Windows") ? "Windows"
                : userAgent.contains("Mac OS X") ? "macOS" : userAgent.contains("Linux") ? "Linux" : null;
        if (browser == null && platform == null) {
            return userAgent.length() > 60 ? userAgent.substring(0, 60) + "…" : userAgent;
        }
        return (browser == null ? "Browser" : browser) + (platform == null ? "" : " on " + platform);
    }

    private Response withCsrf(Response page, String token) {
        return Csrf.withCookie(page, CSRF_COOKIE, "/account", token, config.cookies().secure());
    }

    private Response errorPage(int status, String message) {
        return AuthorizationFlow.page(status, error.data("message", message).render());
    }

    private Response unavailable() {
        return errorPage(503, "Your sessions cannot be shown right now. Please try again in a moment.");
    }

}
