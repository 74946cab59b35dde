package io.github.ssosuite.session.security;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import org.eclipse.microprofile.jwt.JsonWebToken;

import javax.crypto.SecretKey;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The bearer tokens session-service verified, kept for a short while so the next request with the same token skips
 * the signature check. auth-server reuses one client_credentials token for every call it makes (two per SSO flow), and
 * verifying it (RSA, JSON, claims) was 28% of session-service's CPU samples under silent SSO load.
 *
 * <p>Safe because the cache is keyed by the exact token string, so it only ever answers "this very string verified
 * before": a token is held until its {@code exp} (no clock-skew leeway, stricter than the verifier) and at most
 * {@value #HOLD_MILLIS} ms, so a token signed by a key rotated out as compromised stops working within a minute,
 * sooner than the JWKS refresh ({@code smallrye.jwt.jwks.refresh-interval}) would notice. What fails verification is
 * never cached. Bounded: at {@value #MAX_ENTRIES} entries it starts over.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class VerifiedTokenCache implements JWTParser {

    static final long HOLD_MILLIS = 60_000;
    static final int MAX_ENTRIES = 10_000;

    private record Verified(JsonWebToken token, long untilMillis) {
    }

    private final JWTParser verifier;
    private final ConcurrentHashMap<String, Verified> verified = new ConcurrentHashMap<>();

    public VerifiedTokenCache(DefaultJWTParser verifier) {
        this.verifier = verifier;
    }

    @Override
    public JsonWebToken parse(String token) throws ParseException {
        long now = System.currentTimeMillis();
        Verified hit = verified.get(token);
        if (live(hit, now)) {
            return hit.token();
        }
        JsonWebToken fresh = verifier.parse(token);
        long until = Math.min(fresh.getExpirationTime() * 1000, now + HOLD_MILLIS);
        if (until > now) {
            if (verified.size() >= MAX_ENTRIES) {
                verified.clear();
            }
            verified.put(token, new Verified(fresh, until));
        } else if (hit != null) {
            verified.remove(token);
        }
        return fresh;
    }

    private static boolean live(Verified hit, long now) {
        return hit != null && now < hit.untilMillis();
    }

    /** Whether {@code token} would be answered from the cache now (tests). */
    boolean holds(String token) {
        return live(verified.get(token), System.currentTimeMillis());
    }

    @Override
    public JsonWebToken parse(String token, JWTAuthContextInfo context) throws ParseException {
        return verifier.parse(token, context);
    }

    @Override
    public JsonWebToken verify(String token, PublicKey key) throws ParseException {
        return verifier.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, SecretKey key) throws ParseException {
        return verifier.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, String secret) throws ParseException {
        return verifier.verify(token, secret);
    }

    @Override
    public JsonWebToken decrypt(String token, PrivateKey key) throws ParseException {
        return verifier.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, SecretKey key) throws ParseException {
        return verifier.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, String secret) throws ParseException {
        return verifier.decrypt(token, secret);
    }

    @Override
    public JsonWebToken parseOnly(String token) throws ParseException {
        return verifier.parseOnly(token);
    }
}
