package io.github.ssosuite.auth.token;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ssosuite.auth.keys.SigningKeyService;
import io.github.ssosuite.contracts.keys.SigningKeys;
import io.github.ssosuite.contracts.keys.SigningKeys.Algorithm;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

/**
 * Verifies JWTs this OP signed (an {@code id_token_hint}, an access token presented to userinfo or introspection):
 * a compact JWS whose {@code alg} is one we sign with (never {@code none}, never HMAC), whose {@code kid} is in our
 * published key set, whose signature verifies, and whose {@code iss} is ours. Expiry is the caller's choice: an
 * expired id_token_hint is still a valid hint (Core §3.1.2.1, RPIL §2).
 */
@ApplicationScoped
public class JwsVerifier {

    /** The token is not one of ours, or is not intact. */
    public static class NotOurs extends RuntimeException {
        public NotOurs(String message) {
            super(message);
        }
    }

    /** A verified token: its header and claims. */
    public record Verified(Map<String, Object> header, Map<String, Object> claims) {

        public String claim(String name) {
            Object value = claims.get(name);
            return value == null ? null : value.toString();
        }

        public boolean expired(Instant now) {
            Object exp = claims.get("exp");
            return !(exp instanceof Number n) || n.longValue() <= now.getEpochSecond();
        }
    }

    private final SigningKeyService keys;
    private final ObjectMapper json;

    public JwsVerifier(SigningKeyService keys, ObjectMapper json) {
        this.keys = keys;
        this.json = json;
    }

    public Verified verify(String token, String issuer) {
        if (token == null || token.length() > 16384) {
            throw new NotOurs("no token");
        }
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3 || parts[2].isEmpty()) {
            throw new NotOurs("not a signed JWT");
        }
        Map<String, Object> header = decode(parts[0]);
        Map<String, Object> claims = decode(parts[1]);
        Algorithm alg;
        try {
            alg = Algorithm.valueOf(String.valueOf(header.get("alg")));
        } catch (IllegalArgumentException e) {
            throw new NotOurs("alg " + header.get("alg") + " is not one this OP signs with");
        }
        Object kid = header.get("kid");
        Map<String, Object> jwk = keys.jwks().stream().filter(k -> k.get("kid").equals(kid)).findFirst()
                .orElseThrow(() -> new NotOurs("unknown kid"));
        if (!alg.name().equals(jwk.get("alg"))) {
            throw new NotOurs("alg does not match the key");
        }
        try {
            Signature signature = Signature.getInstance(SigningKeys.jcaSignature(alg));
            signature.initVerify(SigningKeys.publicKey(jwk));
            signature.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            if (!signature.verify(Base64.getUrlDecoder().decode(parts[2]))) {
                throw new NotOurs("bad signature");
            }
        } catch (NotOurs e) {
            throw e;
        } catch (Exception e) {
            throw new NotOurs("bad signature");
        }
        if (!issuer.equals(claims.get("iss"))) {
            throw new NotOurs("issued by someone else");
        }
        return new Verified(header, claims);
    }

    private Map<String, Object> decode(String part) {
        try {
            return json.readValue(Base64.getUrlDecoder().decode(part), new TypeReference<>() { });
        } catch (Exception e) {
            throw new NotOurs("not a JWT");
        }
    }
}
