package io.github.ssosuite.auth.token;

import io.github.ssosuite.auth.keys.SigningKeyService;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;

/** Signs JWTs (ID tokens, access tokens, service tokens) with the OP's active key; {@code kid} in the header. */
@ApplicationScoped
public class TokenSigner {

    private final SigningKeyService keys;

    public TokenSigner(SigningKeyService keys) {
        this.keys = keys;
    }

    /** A compact JWS of {@code claims} with header {@code typ} (e.g. JWT, at+jwt). */
    public String sign(Map<String, Object> claims, String typ) {
        var key = keys.activeKey();
        return Jwt.claims(claims).jws()
                .keyId(key.kid())
                .algorithm(SignatureAlgorithm.fromAlgorithm(key.alg().name()))
                .type(typ)
                .sign(key.privateKey());
    }
}
