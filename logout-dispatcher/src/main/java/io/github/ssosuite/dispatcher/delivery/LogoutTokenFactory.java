package io.github.ssosuite.dispatcher.delivery;

import io.github.ssosuite.dispatcher.keys.ActiveSigningKey;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Back-channel logout tokens (BCL §2.4; checklist F1–F11), minted fresh for every attempt: {@code iss}, {@code aud}
 * (one RP), {@code iat}, {@code exp} (at most two minutes), a new {@code jti}, {@code events} with exactly the
 * back-channel logout member and {@code {}}, {@code sub}, {@code sid} when there is one; never {@code nonce}. The
 * header says {@code typ: logout+jwt} (F10) and names the OP key's {@code kid}.
 */
public final class LogoutTokenFactory {

    public static final String EVENT = "http://schemas.openid.net/event/backchannel-logout";

    private LogoutTokenFactory() {
    }

    public static Map<String, Object> claims(String issuer, String clientId, String sub, String sid, Instant now,
            Duration lifetime) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", issuer);
        claims.put("aud", clientId);
        claims.put("iat", now.getEpochSecond());
        claims.put("exp", now.plus(lifetime).getEpochSecond());
        claims.put("jti", UUID.randomUUID().toString());
        claims.put("events", Map.of(EVENT, Map.of()));
        claims.put("sub", sub);
        if (sid != null) {
            claims.put("sid", sid);
        }
        return claims;
    }

    public static String sign(Map<String, Object> claims, ActiveSigningKey.Key key) {
        return Jwt.claims(claims).jws().keyId(key.kid()).algorithm(SignatureAlgorithm.fromAlgorithm(key.alg().name()))
                .type("logout+jwt").sign(key.privateKey());
    }
}
