package io.github.ssosuite.auth.api;

import io.github.ssosuite.auth.config.AuthServerConfig;
import io.github.ssosuite.auth.keys.SigningKeyService;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * OpenID Provider metadata (OIDC Discovery §3, §4). It lists only what this server does: an endpoint or capability
 * appears here when it is implemented.
 */
@Path("/.well-known/openid-configuration")
public class DiscoveryResource {

    private final AuthServerConfig config;
    private final SigningKeyService keys;

    public DiscoveryResource(AuthServerConfig config, SigningKeyService keys) {
        this.config = config;
        this.keys = keys;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response metadata() {
        String issuer = config.issuer();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("issuer", issuer);
        m.put("authorization_endpoint", issuer + "/authorize");
        m.put("token_endpoint", issuer + "/token");
        m.put("jwks_uri", issuer + "/jwks");
        m.put("userinfo_endpoint", issuer + "/userinfo");
        m.put("registration_endpoint", issuer + "/register");
        m.put("introspection_endpoint", issuer + "/introspect");
        m.put("revocation_endpoint", issuer + "/revoke");
        m.put("end_session_endpoint", issuer + "/logout");
        m.put("check_session_iframe", issuer + "/session/check");
        m.put("scopes_supported", List.of("openid", "profile", "email", "offline_access"));
        m.put("response_types_supported", List.of("code"));
        m.put("response_modes_supported", List.of("query", "form_post"));
        m.put("grant_types_supported", List.of("authorization_code", "refresh_token", "client_credentials"));
        m.put("subject_types_supported", List.of("public"));
        // every algorithm a published key has: during a move between RS256 and ES256 both verify
        m.put("id_token_signing_alg_values_supported", keys.jwks().stream().map(k -> String.valueOf(k.get("alg")))
                .distinct().toList());
        m.put("token_endpoint_auth_methods_supported", List.of("client_secret_basic", "client_secret_post", "none"));
        m.put("introspection_endpoint_auth_methods_supported", List.of("client_secret_basic", "client_secret_post"));
        m.put("revocation_endpoint_auth_methods_supported", List.of("client_secret_basic", "client_secret_post", "none"));
        m.put("code_challenge_methods_supported", List.of("S256"));
        m.put("prompt_values_supported", List.of("none", "login", "consent", "select_account"));
        m.put("claims_supported", List.of("iss", "sub", "aud", "exp", "iat", "auth_time", "nonce", "sid", "acr", "amr",
                "azp", "at_hash", "preferred_username", "email", "email_verified"));
        m.put("acr_values_supported", List.of("1"));
        m.put("authorization_response_iss_parameter_supported", true);
        // logout capabilities as JSON booleans (checklist A3-A5): sid in ID tokens, iss+sid to front channels
        m.put("backchannel_logout_supported", true);
        m.put("backchannel_logout_session_supported", true);
        m.put("frontchannel_logout_supported", true);
        m.put("frontchannel_logout_session_supported", true);
        m.put("request_parameter_supported", false);
        m.put("request_uri_parameter_supported", false);
        m.put("claims_parameter_supported", false);
        return Response.ok(m).header("Cache-Control", "public, max-age=300").build();
    }
}
