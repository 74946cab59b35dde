package io.github.ssosuite.session.security;

import io.github.ssosuite.session.TestTokens;
import io.github.ssosuite.testsupport.SuiteInfrastructureResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.build.Jwt;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** Verified bearer tokens are reused only as the very same string, never past their exp, and failures never. */
@QuarkusTest
@QuarkusTestResource(SuiteInfrastructureResource.class)
class VerifiedTokenCacheTest {

    @Inject
    VerifiedTokenCache cache;

    private static String token(long expiresAtEpochSecond) {
        return Jwt.issuer("http://localhost:8080").audience("session-service").subject("test-service")
                .claim("scope", "sessions:read").expiresAt(expiresAtEpochSecond).sign();
    }

    @Test
    void aVerifiedTokenIsHeldUntilItsExpAndOnlyAsTheSameString() throws Exception {
        String token = token(Instant.now().getEpochSecond() + 2);
        given().auth().oauth2(token).get("/users/nobody/sessions").then().statusCode(200);
        assertThat(cache.holds(token)).isTrue();

        // the same claims with another signature: verified on its own, and refused
        String[] parts = token.split("\\.");
        String forged = parts[0] + "." + parts[1] + "." + TestTokens.all().split("\\.")[2];
        given().auth().oauth2(forged).get("/users/nobody/sessions").then().statusCode(401);
        assertThat(cache.holds(forged)).isFalse();

        Thread.sleep(2_500);
        assertThat(cache.holds(token)).as("past its exp the token goes back to the verifier").isFalse();
    }

    @Test
    void aTokenExpiredBeyondTheLeewayIsRefusedAndNotHeld() {
        String expired = token(Instant.now().getEpochSecond() - 3_600);
        given().auth().oauth2(expired).get("/users/nobody/sessions").then().statusCode(401);
        assertThat(cache.holds(expired)).isFalse();
    }
}
