package io.github.ssosuite.auth.api;

import io.github.ssosuite.auth.client.ClientEntity;
import io.github.ssosuite.auth.client.ClientMetadata;
import io.github.ssosuite.auth.client.ClientService;
import io.github.ssosuite.auth.config.AuthServerConfig;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Dynamic Client Registration (RFC 7591 §3) and read-back (RFC 7592 §2.1). Registration takes an initial access
 * token unless {@code auth.registration.open}; reading takes the client's registration access token.
 */
@Path("/register")
@Produces(MediaType.APPLICATION_JSON)
public class RegistrationResource {

    private final ClientService clients;
    private final AuthServerConfig config;

    public RegistrationResource(ClientService clients, AuthServerConfig config) {
        this.clients = clients;
        this.config = config;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> register(ClientMetadata metadata, @HeaderParam("Authorization") String authorization) {
        requireInitialAccessToken(authorization);
        if (metadata == null) {
            throw new OAuthError(400, "invalid_client_metadata", "a JSON body with the client's metadata is required");
        }
        return clients.register(metadata).map(registered -> {
            Map<String, Object> body = view(registered.client());
            if (registered.clientSecret() != null) {
                body.put("client_secret", registered.clientSecret());
                body.put("client_secret_expires_at", 0);
            }
            body.put("registration_access_token", registered.registrationAccessToken());
            return Response.status(201).header("Cache-Control", "no-store").entity(body).build();
        });
    }

    @GET
    @Path("/{clientId}")
    public Uni<Response> read(@PathParam("clientId") String clientId, @HeaderParam("Authorization") String authorization) {
        String token = bearer(authorization);
        return clients.readWithRegistrationToken(clientId, token).map(client -> {
            if (client == null) {
                // RFC 7592 §2.1: an unknown client and a wrong token look the same
                throw new OAuthError(401, "invalid_token", "the registration access token is not valid for this client");
            }
            return Response.ok(view(client)).header("Cache-Control", "no-store").build();
        });
    }

    private Map<String, Object> view(ClientEntity client) {
        ClientMetadata m = clients.metadata(client);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("client_id", client.clientId);
        body.put("client_id_issued_at", client.createdAt.getEpochSecond());
        if (m.clientName() != null) {
            body.put("client_name", m.clientName());
        }
        body.put("redirect_uris", m.redirectUris());
        body.put("post_logout_redirect_uris", m.postLogoutRedirectUris());
        body.put("grant_types", m.grantTypes());
        body.put("response_types", m.responseTypes());
        body.put("token_endpoint_auth_method", m.tokenEndpointAuthMethod());
        body.put("scope", m.scope());
        if (m.backchannelLogoutUri() != null) {
            body.put("backchannel_logout_uri", m.backchannelLogoutUri());
        }
        body.put("backchannel_logout_session_required", m.backchannelLogoutSessionRequired());
        if (m.frontchannelLogoutUri() != null) {
            body.put("frontchannel_logout_uri", m.frontchannelLogoutUri());
        }
        body.put("frontchannel_logout_session_required", m.frontchannelLogoutSessionRequired());
        body.put("registration_client_uri", config.issuer() + "/register/" + client.clientId);
        return body;
    }

    private void requireInitialAccessToken(String authorization) {
        var registration = config.registration();
        if (registration.open()) {
            return;
        }
        String expected = registration.initialAccessToken().orElseThrow(() ->
                new OAuthError(403, "access_denied", "dynamic registration is not enabled on this server"));
        String presented = bearer(authorization);
        if (presented == null || !MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8),
                expected.getBytes(StandardCharsets.UTF_8))) {
            throw new OAuthError(401, "invalid_token", "a valid initial access token is required to register");
        }
    }

    private static String bearer(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        return authorization.substring(7).trim();
    }
}
