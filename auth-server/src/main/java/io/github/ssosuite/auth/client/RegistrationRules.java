package io.github.ssosuite.auth.client;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The checks a client's metadata must pass before it is stored (RFC 7591 §2 and §3.2.2; checklist A7–A10).
 * Pure: each failure is a {@link Refused} with the RFC 7591 error code and a description a developer can act on.
 *
 * @param allowHttpRedirects        http redirect and post-logout URIs beyond localhost (the local stack)
 * @param allowHttpLogoutUris       http logout URIs for confidential clients (A8: "only if the OP allows it")
 * @param allowPrivateLogoutTargets logout URIs on loopback or private addresses (DESIGN: checked at registration)
 */
public record RegistrationRules(boolean allowHttpRedirects, boolean allowHttpLogoutUris,
        boolean allowPrivateLogoutTargets) {

    static final Set<String> AUTH_METHODS = Set.of("client_secret_basic", "client_secret_post", "none");
    static final Set<String> GRANT_TYPES = Set.of("authorization_code", "refresh_token", "client_credentials");

    /** RFC 7591 §3.2.2 error. */
    public static final class Refused extends RuntimeException {
        private final String error;

        public Refused(String error, String description) {
            super(description);
            this.error = error;
        }

        public String error() {
            return error;
        }
    }

    /** Checks {@code metadata} (defaults applied); returns it unchanged when it passes. */
    public ClientMetadata check(ClientMetadata metadata) {
        ClientMetadata m = metadata.withDefaults();
        if (!AUTH_METHODS.contains(m.tokenEndpointAuthMethod())) {
            throw metadataError("token_endpoint_auth_method must be client_secret_basic, client_secret_post or none");
        }
        for (String grant : m.grantTypes()) {
            if (!GRANT_TYPES.contains(grant)) {
                throw metadataError("grant_types may only contain authorization_code, refresh_token, client_credentials");
            }
        }
        if (!m.responseTypes().stream().allMatch("code"::equals)) {
            throw metadataError("response_types may only contain code (the authorization code flow)");
        }
        boolean codeFlow = m.grantTypes().contains("authorization_code");
        if (codeFlow != m.responseTypes().contains("code")) {
            throw metadataError("grant_types authorization_code and response_types code go together (RFC 7591 §2.1)");
        }
        if (m.isPublic() && m.grantTypes().contains("client_credentials")) {
            throw metadataError("a public client (token_endpoint_auth_method none) cannot use client_credentials");
        }
        if (codeFlow && m.redirectUris().isEmpty()) {
            throw new Refused("invalid_redirect_uri", "redirect_uris is required for the authorization code flow");
        }
        for (String uri : m.redirectUris()) {
            redirectUri("invalid_redirect_uri", "redirect_uris", uri);
        }
        for (String uri : m.postLogoutRedirectUris()) {
            redirectUri("invalid_client_metadata", "post_logout_redirect_uris", uri);
        }
        if (m.backchannelLogoutUri() != null) {
            logoutUri("backchannel_logout_uri", m.backchannelLogoutUri(), m.isPublic());
        }
        if (m.frontchannelLogoutUri() != null) {
            URI fc = logoutUri("frontchannel_logout_uri", m.frontchannelLogoutUri(), m.isPublic());
            // FCL §2: scheme, host and port must equal those of a registered redirect_uri (A9)
            boolean sameOrigin = m.redirectUris().stream().map(URI::create).anyMatch(r -> origin(r).equals(origin(fc)));
            if (!sameOrigin) {
                throw metadataError("frontchannel_logout_uri must have the scheme, host and port of a redirect_uri");
            }
        }
        return m;
    }

    private void redirectUri(String error, String member, String value) {
        URI uri = absolute(error, member, value);
        if (uri.getRawFragment() != null) {
            throw new Refused(error, member + " must not contain a fragment: " + value);
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (scheme.equals("http") && !allowHttpRedirects && !isLocalhost(uri.getHost())) {
            throw new Refused(error, member + " must use https (http only for localhost): " + value);
        }
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new Refused(error, member + " must be an http(s) URL: " + value);
        }
    }

    /** A8: absolute, no fragment; http only for confidential clients when allowed; no private targets unless allowed. */
    private URI logoutUri(String member, String value, boolean publicClient) {
        URI uri = absolute("invalid_client_metadata", member, value);
        if (uri.getRawFragment() != null) {
            throw metadataError(member + " must not contain a fragment (BCL §2.2, FCL §2)");
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw metadataError(member + " must be an http(s) URL");
        }
        if (scheme.equals("http") && (publicClient || !allowHttpLogoutUris)) {
            throw metadataError(member + " must use https" + (publicClient ? " for a public client" : ""));
        }
        if (!allowPrivateLogoutTargets && isPrivateTarget(uri.getHost())) {
            throw metadataError(member + " must not point at a loopback, private or link-local address");
        }
        return uri;
    }

    private static URI absolute(String error, String member, String value) {
        try {
            URI uri = new URI(value);
            if (!uri.isAbsolute() || uri.getHost() == null || uri.getHost().isEmpty()) {
                throw new Refused(error, member + " must be an absolute URL: " + value);
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new Refused(error, member + " is not a valid URL: " + value);
        }
    }

    static String origin(URI uri) {
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        int port = uri.getPort() != -1 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
        return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + ":" + port;
    }

    static boolean isLocalhost(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return h.equals("localhost") || h.equals("127.0.0.1") || h.equals("[::1]");
    }

    /** Literal loopback, private (RFC 1918, RFC 4193), link-local and cloud metadata addresses, and localhost. */
    static boolean isPrivateTarget(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.equals("localhost") || h.endsWith(".localhost")) {
            return true;
        }
        String literal = h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length() - 1) : h;
        if (!literal.matches("[0-9.]+") && !literal.contains(":")) {
            return false; // a DNS name: checked again where it resolves, at delivery
        }
        try {
            InetAddress address = InetAddress.getByName(literal);
            return address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress()
                    || address.isAnyLocalAddress() || (address.getAddress().length == 16 && (address.getAddress()[0] & 0xfe) == 0xfc);
        } catch (Exception e) {
            return true;
        }
    }

    private static Refused metadataError(String description) {
        return new Refused("invalid_client_metadata", description);
    }

    /** The scopes a client may ask for: its registered scope, as a list. */
    public static List<String> scopes(String scope) {
        return scope == null || scope.isBlank() ? List.of() : List.of(scope.trim().split("\\s+"));
    }
}
