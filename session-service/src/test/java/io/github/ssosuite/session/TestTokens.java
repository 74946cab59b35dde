package io.github.ssosuite.session;

import io.smallrye.jwt.build.Jwt;

import java.time.Duration;

/** Bearer tokens as auth-server's client_credentials grant issues them, signed with the test key. */
public final class TestTokens {

    private TestTokens() {
    }

    public static String withScope(String scope) {
        return Jwt.issuer("http://localhost:8080")
                .audience("session-service")
                .subject("test-service")
                .claim("client_id", "test-service")
                .claim("scope", scope)
                .expiresIn(Duration.ofMinutes(5))
                .sign();
    }

    /** Every scope of the API. */
    public static String all() {
        return withScope("sessions:read sessions:write sessions:end");
    }
}
