package io.github.ssosuite.auth.oidc;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads an authentication request (Core §3.1.2.1, §3.1.2.2; RFC 6749 §3.1, §4.1.1; RFC 7636 §4.3). Pure.
 *
 * <p>Order matters: until the client and its exactly registered {@code redirect_uri} are known, every problem is an
 * error page; after that, errors go back to the client with {@code state} (Core §3.1.2.6).
 */
public final class AuthorizationRequestParser {

    /** What the parser needs to know of the client. */
    public record ClientView(String clientId, List<String> redirectUris, List<String> allowedScopes, boolean publicClient,
            boolean codeFlowAllowed) {
    }

    static final int MAX_VALUE_LENGTH = 4096;
    static final Set<String> PROMPTS = Set.of("none", "login", "consent", "select_account");
    private static final Pattern PKCE_CHALLENGE = Pattern.compile("^[A-Za-z0-9._~-]{43,128}$");

    private AuthorizationRequestParser() {
    }

    /** {@code client_id} of the request: present once, or an error page. */
    public static String clientId(Map<String, List<String>> params) {
        String clientId = single(params, "client_id", false);
        if (clientId == null || clientId.isEmpty()) {
            throw AuthorizationError.page("client_id is missing");
        }
        return clientId;
    }

    public static AuthorizationRequest parse(Map<String, List<String>> params, ClientView client) {
        if (client == null) {
            throw AuthorizationError.page("the client is not known to this server");
        }
        String redirectUri = single(params, "redirect_uri", false);
        if (redirectUri == null || redirectUri.isEmpty()) {
            throw AuthorizationError.page("redirect_uri is missing");
        }
        // exact string match, no normalisation (Core §3.1.2.1; OAuth 2.0 Security BCP)
        if (!client.redirectUris().contains(redirectUri)) {
            throw AuthorizationError.page("redirect_uri is not registered for this client");
        }
        // from here on errors go back to the client
        for (var entry : params.entrySet()) {
            for (String value : entry.getValue()) {
                if (value != null && value.length() > MAX_VALUE_LENGTH) {
                    throw AuthorizationError.redirect("invalid_request", entry.getKey() + " is too long");
                }
            }
        }
        if (params.containsKey("request") || params.containsKey("request_uri")) {
            throw AuthorizationError.redirect(params.containsKey("request") ? "request_not_supported"
                    : "request_uri_not_supported", "request objects are not supported");
        }
        String responseType = single(params, "response_type", true);
        if (responseType == null) {
            throw AuthorizationError.redirect("invalid_request", "response_type is missing");
        }
        if (!responseType.equals("code")) {
            throw AuthorizationError.redirect("unsupported_response_type", "only response_type=code is supported");
        }
        if (!client.codeFlowAllowed()) {
            throw AuthorizationError.redirect("unauthorized_client", "this client may not use the authorization code flow");
        }
        String responseMode = single(params, "response_mode", true);
        if (responseMode != null && !responseMode.equals("query") && !responseMode.equals("form_post")) {
            throw AuthorizationError.redirect("invalid_request", "response_mode must be query or form_post");
        }
        String scope = single(params, "scope", true);
        List<String> requested = scope == null ? List.of() : List.of(scope.trim().split("\\s+"));
        if (!requested.contains("openid")) {
            throw AuthorizationError.redirect("invalid_scope", "scope must include openid");
        }
        // scopes the client may not have are left out (Core §3.1.2.1: unknown scope values are ignored)
        List<String> scopes = requested.stream().distinct().filter(client.allowedScopes()::contains).toList();
        if (!scopes.contains("openid")) {
            throw AuthorizationError.redirect("invalid_scope", "this client may not request openid");
        }
        Set<String> prompts = new LinkedHashSet<>();
        String prompt = single(params, "prompt", true);
        if (prompt != null && !prompt.isBlank()) {
            for (String p : prompt.trim().split("\\s+")) {
                if (!PROMPTS.contains(p)) {
                    throw AuthorizationError.redirect("invalid_request", "unknown prompt value " + p);
                }
                prompts.add(p);
            }
            if (prompts.contains("none") && prompts.size() > 1) {
                // Core §3.1.2.1: "none" with any other value is an error (checklist B6)
                throw AuthorizationError.redirect("invalid_request", "prompt=none cannot be combined with other values");
            }
        }
        Integer maxAge = null;
        String maxAgeText = single(params, "max_age", true);
        if (maxAgeText != null) {
            try {
                maxAge = Integer.parseInt(maxAgeText);
            } catch (NumberFormatException e) {
                maxAge = -1;
            }
            if (maxAge < 0) {
                throw AuthorizationError.redirect("invalid_request", "max_age must be a non-negative integer");
            }
        }
        String challenge = single(params, "code_challenge", true);
        String method = single(params, "code_challenge_method", true);
        if (challenge != null) {
            if (method != null && !method.equals("S256")) {
                throw AuthorizationError.redirect("invalid_request", "code_challenge_method must be S256");
            }
            if (method == null) {
                throw AuthorizationError.redirect("invalid_request", "code_challenge_method=S256 is required");
            }
            if (!PKCE_CHALLENGE.matcher(challenge).matches()) {
                throw AuthorizationError.redirect("invalid_request", "code_challenge is malformed");
            }
        } else if (client.publicClient()) {
            throw AuthorizationError.redirect("invalid_request", "public clients must use PKCE (code_challenge, S256)");
        } else if (method != null) {
            throw AuthorizationError.redirect("invalid_request", "code_challenge_method without code_challenge");
        }
        String acr = single(params, "acr_values", true);
        return new AuthorizationRequest(client.clientId(), redirectUri, scopes, single(params, "state", true),
                single(params, "nonce", true), Set.copyOf(prompts), maxAge, single(params, "id_token_hint", true),
                single(params, "login_hint", true), acr == null ? List.of() : List.of(acr.trim().split("\\s+")),
                single(params, "ui_locales", true), responseMode == null ? "query" : responseMode, challenge);
    }

    /** The state to echo in an error response, when it is unambiguous. */
    public static String stateOf(Map<String, List<String>> params) {
        List<String> values = params.getOrDefault("state", List.of());
        return values.size() == 1 ? values.get(0) : null;
    }

    /** A parameter given at most once (RFC 6749 §3.1); empty values count as absent. */
    private static String single(Map<String, List<String>> params, String name, boolean redirectable) {
        List<String> values = params.getOrDefault(name, List.of());
        List<String> present = new ArrayList<>();
        for (String value : values) {
            if (value != null && !value.isEmpty()) {
                present.add(value);
            }
        }
        if (values.size() > 1) {
            String description = name + " is repeated";
            throw redirectable ? AuthorizationError.redirect("invalid_request", description)
                    : AuthorizationError.page(description);
        }
        return present.isEmpty() ? null : present.get(0);
    }
}
