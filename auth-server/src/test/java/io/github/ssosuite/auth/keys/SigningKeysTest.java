package io.github.ssosuite.auth.keys;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import io.github.ssosuite.testsupport.SuiteInfrastructureResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.sql.DriverManager;
import java.util.Base64;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** Keys made on first start, stored encrypted in real PostgreSQL, published at jwks_uri, usable to sign. */
@QuarkusTest
@QuarkusTestResource(SuiteInfrastructureResource.class)
class SigningKeysTest {

    @Inject
    SigningKeyService keys;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    @Test
    void theJwksPublishesTheActiveKeyWithoutPrivateParts() throws Exception {
        String body = given().get("/jwks").then().statusCode(200)
                .contentType("application/jwk-set+json").header("Cache-Control", "public, max-age=300")
                .extract().asString();

        JWKSet set = JWKSet.parse(body);
        assertThat(set.getKeys()).isNotEmpty();
        assertThat(set.getKeys()).allSatisfy(k -> assertThat(k.isPrivate()).isFalse());
        var active = keys.activeKey();
        RSAKey published = (RSAKey) set.getKeyByKeyId(active.kid());
        assertThat(published.getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
        assertThat(published.getKeyUse().identifier()).isEqualTo("sig");

        // what the active private key signs, the published public key verifies (checked by Nimbus)
        JWSObject jws = new JWSObject(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(active.kid()).build(),
                new Payload("{\"hello\":\"world\"}"));
        jws.sign(new RSASSASigner(active.privateKey()));
        assertThat(JWSObject.parse(jws.serialize()).verify(new RSASSAVerifier(published))).isTrue();
    }

    @Test
    void privateKeysAreEncryptedAtRest() throws Exception {
        var active = keys.activeKey();
        String pkcs8 = Base64.getEncoder().encodeToString(active.privateKey().getEncoded());
        try (var c = DriverManager.getConnection(jdbcUrl, "sso", "sso");
             var rs = c.createStatement().executeQuery("SELECT kid, private_key_encrypted, public_jwk FROM auth.signing_keys")) {
            while (rs.next()) {
                String stored = rs.getString("private_key_encrypted");
                assertThat(stored).startsWith("v1.kek-1.");
                assertThat(stored).doesNotContain(pkcs8.substring(0, 32));
                assertThat(rs.getString("public_jwk")).doesNotContain("\"d\"");
            }
        }
    }

    @Test
    void aSecondCheckDoesNotRotateBeforeItIsDue() throws Throwable {
        String before = keys.activeKey().kid();
        io.quarkus.vertx.VertxContextSupport.subscribeAndAwait(keys::rotateIfDue);
        assertThat(keys.activeKey().kid()).isEqualTo(before);
    }
}
