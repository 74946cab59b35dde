package io.github.ssosuite.demorp;

import io.quarkus.oidc.IdToken;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The pages. Quarkus OIDC handles {@code /callback} (code exchange), {@code /logout} (RP-initiated logout),
 * {@code /back-channel-logout} and {@code /front-channel-logout} before any of this runs; the methods for those
 * paths only answer a browser that has no session of this app.
 */
@Path("/")
public class DemoPages {

    private static final String TEXT_HTML = "text/html; charset=UTF-8";
    private static final String SESSION_PROBE = "/demo-rp/session-probe.html";

    private final DemoConfig config;
    private final LogoutAudit audit;
    @jakarta.inject.Inject
    @IdToken
    JsonWebToken idToken;

    /** The OP's userinfo (quarkus.oidc.authentication.user-info-required): profile claims are there, not in the ID token. */
    @jakarta.inject.Inject
    io.quarkus.oidc.UserInfo userInfo;
    private final String clientId;
    private final String sessionProbeTemplate;

    public DemoPages(DemoConfig config, LogoutAudit audit, @ConfigProperty(name = "quarkus.oidc.client-id") String clientId) {
        this.config = config;
        this.audit = audit;
        this.clientId = clientId;
        this.sessionProbeTemplate = resource(SESSION_PROBE);
    }

    /** Signed in (every path but the public ones requires it): the user and the OP session. */
    @GET
    public Response home() {
        String user = TokenClaims.string(idToken, "preferred_username");
        if (user == null) {
            user = userInfo.getString("preferred_username");
        }
        if (user == null) {
            user = idToken.getSubject();
        }
        String sid = TokenClaims.string(idToken, TokenClaims.SID);
        return html(Pages.home(config.name(), user, sid, config.siblings().orElse(List.of())));
    }

    /** The redirect URI. Quarkus completes the code flow here and redirects on; only a bare visit gets here. */
    @GET
    @Path("callback")
    public Response callback() {
        return Response.seeOther(URI.create("/")).build();
    }

    /** The post-logout redirect URI [RPIL §3]: public, and audited. */
    @GET
    @Path("signed-out")
    public Response signedOut() {
        audit.record(AuditEntry.SIGNED_OUT, null);
        return html(Pages.signedOut(config.name()));
    }

    /** With a session, Quarkus has already sent the browser to the OP's end_session_endpoint. */
    @GET
    @Path("logout")
    public Response logoutWithoutSession() {
        return html(Pages.notice(config.name(), "Not signed in to " + config.name() + "."));
    }

    /** With a matching session, Quarkus has already removed it (and answered with a new login challenge). */
    @GET
    @Path("front-channel-logout")
    public Response frontChannelLogoutWithoutSession() {
        return html(Pages.notice(config.name(), "No matching session of " + config.name() + " in this browser."));
    }

    /** The OP Session Management probe; reads {@code session_state} and {@code client_id} from its query. */
    @GET
    @Path("session-probe")
    public Response sessionProbe() {
        return html(Pages.sessionProbe(sessionProbeTemplate, config.name(), clientId, config.opCheckSessionIframe()));
    }

    private static Response html(String page) {
        return Response.ok(page, TEXT_HTML).header("Cache-Control", "no-store").build();
    }

    private static String resource(String name) {
        try (InputStream in = DemoPages.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
