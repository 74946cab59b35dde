package io.github.ssosuite.dispatcher;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.openid.connect.sdk.validators.LogoutTokenValidator;
import io.github.ssosuite.contracts.keys.SigningKeys;
import io.github.ssosuite.contracts.keys.SigningKeys.Algorithm;
import io.github.ssosuite.dispatcher.delivery.LogoutTokenFactory;
import io.github.ssosuite.dispatcher.keys.ActiveSigningKey;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** Logout tokens in both of the OP's algorithms, validated by the Nimbus SDK as an RP would (checklist F1-F9). */
class LogoutTokenFactoryTest {

    @Test
    void rs256AndEs256TokensPassAnRpLibrarysValidation() throws Exception {
        for (Algorithm alg : Algorithm.values()) {
            var pair = SigningKeys.generate(alg);
            var key = new ActiveSigningKey.Key("k-" + alg, alg, pair.getPrivate());
            String token = LogoutTokenFactory.sign(LogoutTokenFactory.claims("https://op.example", "rp", "alice",
                    "sid-1", Instant.now(), Duration.ofMinutes(2)), key);
            JWK jwk = JWK.parse(SigningKeys.publicJwk(alg, key.kid(), pair.getPublic()));
            var validator = new LogoutTokenValidator(new Issuer("https://op.example"), new ClientID("rp"), true,
                    new JWSVerificationKeySelector<SecurityContext>(JWSAlgorithm.parse(alg.name()),
                            new ImmutableJWKSet<>(new JWKSet(jwk))), null);
            var claims = validator.validate(JWTParser.parse(token));
            assertThat(claims.getSubject().getValue()).as(alg.name()).isEqualTo("alice");
            assertThat(claims.getSessionID().getValue()).isEqualTo("sid-1");
        }
    }
}
