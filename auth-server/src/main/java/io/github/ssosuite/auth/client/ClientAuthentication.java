package io.github.ssosuite.auth.client;

import io.github.ssosuite.auth.api.OAuthError;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MultivaluedMap;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Client authentication at the token, introspection and revocation endpoints (RFC 6749 §2.3.1): HTTP Basic or
 * form parameters, never both; public clients by client_id alone. The method must be the client's registered one.
 */
@ApplicationScoped
public class ClientAuthentication {

    private final ClientService clients;

    public ClientAuthentication(ClientService clients) {
        this.clients = clients;
    }

    public Uni<ClientEntity> authenticate(MultivaluedMap<String, String> form, String authorization) {
        String id;
        String secret;
        String method;
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            if (form.containsKey("client_secret")) {
                throw OAuthError.invalidRequest("use one client authentication method, not two");
            }
            String[] pair;
            try {
                pair = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8)
                        .split(":", 2);
            } catch (IllegalArgumentException e) {
                throw new OAuthError(401, "invalid_client", "malformed Basic credentials");
            }
            if (pair.length != 2) {
                throw new OAuthError(401, "invalid_client", "malformed Basic credentials");
            }
            id = URLDecoder.decode(pair[0], StandardCharsets.UTF_8);
            secret = URLDecoder.decode(pair[1], StandardCharsets.UTF_8);
            method = "client_secret_basic";
            String formId = form.getFirst("client_id");
            if (formId != null && !formId.equals(id)) {
                throw OAuthError.invalidRequest("client_id differs from the authenticated client");
            }
        } else {
            id = form.getFirst("client_id");
            secret = form.getFirst("client_secret");
            method = secret != null ? "client_secret_post" : "none";
        }
        if (id == null || id.isEmpty()) {
            throw new OAuthError(401, "invalid_client", "client authentication is required");
        }
        return clients.find(id).map(client -> {
            boolean ok = client != null && client.tokenEndpointAuthMethod.equals(method)
                    && (method.equals("none") || Secrets.matches(secret, client.clientSecretHash));
            if (!ok) {
                throw new OAuthError(401, "invalid_client", "client authentication failed");
            }
            return client;
        });
    }
}
