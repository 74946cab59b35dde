package io.github.ssosuite.auth.oidc;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;

/**
 * {@code session_state} (Session Management 1.0 §2, §3.2, checklist B7/G3):
 * {@code hex(SHA-256(client_id ␠ origin ␠ browser_state ␠ salt)) "." salt}. The origin is the RFC 6454
 * serialisation of the redirect URI's origin, default port left out, the same string a browser gives as
 * {@code e.origin} (P16), so the check_session_iframe can recompute it.
 */
public final class SessionState {

    private static final SecureRandom RANDOM = new SecureRandom();

    private SessionState() {
    }

    public static String of(String clientId, String redirectUri, String browserState) {
        byte[] saltBytes = new byte[8];
        RANDOM.nextBytes(saltBytes);
        return of(clientId, origin(redirectUri), browserState, HexFormat.of().formatHex(saltBytes));
    }

    public static String of(String clientId, String origin, String browserState, String salt) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(
                    (clientId + " " + origin + " " + (browserState == null ? "" : browserState) + " " + salt)
                            .getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest) + "." + salt;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** RFC 6454 origin: scheme://host[:port], the port only when not the scheme's default. */
    public static String origin(String uri) {
        URI u = URI.create(uri);
        String scheme = u.getScheme().toLowerCase(Locale.ROOT);
        int port = u.getPort();
        boolean defaultPort = port == -1 || (scheme.equals("https") && port == 443) || (scheme.equals("http") && port == 80);
        return scheme + "://" + u.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
    }
}
