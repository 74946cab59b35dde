package io.github.ssosuite.auth.token;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The claims of ID tokens (Core §2, §3.1.3.6; BCL/FCL {@code sid}, checklist C1–C4) and access tokens (RFC 9068).
 * Pure: the caller passes the clock.
 */
public final class IdTokenClaims {

    /** Who authenticated, when and how, in which session: what every token of a grant repeats. */
    public record Authentication(String sub, String sid, long authTime, String acr, List<String> amr) {
    }

    private IdTokenClaims() {
    }

    /**
     * An ID token for {@code clientId}. {@code nonce} only on the first issue, never on a refresh (C3); auth_time,
     * sid and acr stay those of the authentication (C4, H3); at_hash binds the access token issued with it.
     */
    public static Map<String, Object> idToken(String issuer, String clientId, Authentication auth, String nonce,
            String accessToken, Instant now, Duration lifetime) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", issuer);
        claims.put("sub", auth.sub());
        claims.put("aud", clientId);
        claims.put("exp", now.plus(lifetime).getEpochSecond());
        claims.put("iat", now.getEpochSecond());
        claims.put("auth_time", auth.authTime());
        if (nonce != null) {
            claims.put("nonce", nonce);
        }
        claims.put("sid", auth.sid());
        if (auth.acr() != null) {
            claims.put("acr", auth.acr());
        }
        if (!auth.amr().isEmpty()) {
            claims.put("amr", auth.amr());
        }
        claims.put("azp", clientId);
        if (accessToken != null) {
            claims.put("at_hash", atHash(accessToken));
        }
        return claims;
    }

    /** An RFC 9068 access token (header typ at+jwt) carrying the session's {@code sid}. */
    public static Map<String, Object> accessToken(String issuer, Object audience, String clientId, String sub,
            String sid, String scope, Long authTime, String jti, Instant now, Duration lifetime) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", issuer);
        claims.put("sub", sub);
        claims.put("aud", audience);
        claims.put("exp", now.plus(lifetime).getEpochSecond());
        claims.put("iat", now.getEpochSecond());
        claims.put("jti", jti);
        claims.put("client_id", clientId);
        claims.put("scope", scope);
        if (sid != null) {
            claims.put("sid", sid);
        }
        if (authTime != null) {
            claims.put("auth_time", authTime);
        }
        return claims;
    }

    /** Core §3.1.3.6: base64url of the left half of SHA-256 of the access token's ASCII octets (RS256/ES256). */
    public static String atHash(String accessToken) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(accessToken.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 16));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
