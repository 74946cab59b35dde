package io.github.ssosuite.contracts.keys;

import io.github.ssosuite.contracts.keys.SigningKeys.Algorithm;
import org.junit.jupiter.api.Test;

import java.security.KeyPair;
import java.security.Signature;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KeyEncryptionTest {

    private static final String KEK = Base64.getEncoder().encodeToString(new byte[32]);
    private final KeyEncryption encryption = new KeyEncryption("kek-1", KEK);

    @Test
    void aPrivateKeyRoundTripsAndStillSigns() throws Exception {
        for (Algorithm alg : Algorithm.values()) {
            KeyPair pair = SigningKeys.generate(alg);
            String stored = encryption.encrypt("kid-1", pair.getPrivate().getEncoded());

            assertThat(stored).startsWith("v1.kek-1.").doesNotContain(
                    Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()).substring(0, 40));
            var back = SigningKeys.privateKey(alg, encryption.decrypt("kid-1", stored));
            String jca = alg == Algorithm.RS256 ? "SHA256withRSA" : "SHA256withECDSA";
            Signature signer = Signature.getInstance(jca);
            signer.initSign(back);
            signer.update("hello".getBytes());
            Signature verifier = Signature.getInstance(jca);
            verifier.initVerify(pair.getPublic());
            verifier.update("hello".getBytes());
            assertThat(verifier.verify(signer.sign())).isTrue();
        }
    }

    @Test
    void aBlobMovedToAnotherKidOrAlteredOrUnderAnotherKekIsRefused() {
        String stored = encryption.encrypt("kid-1", new byte[] {1, 2, 3});

        assertThatThrownBy(() -> encryption.decrypt("kid-2", stored)).isInstanceOf(IllegalArgumentException.class);
        String altered = stored.substring(0, stored.length() - 2) + (stored.endsWith("AA") ? "BB" : "AA");
        assertThatThrownBy(() -> encryption.decrypt("kid-1", altered)).isInstanceOf(IllegalArgumentException.class);
        var other = new KeyEncryption("kek-1", Base64.getEncoder().encodeToString(new byte[] {
                1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1}));
        assertThatThrownBy(() -> other.decrypt("kid-1", stored)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new KeyEncryption("kek-2", KEK).decrypt("kid-1", stored))
                .hasMessageContaining("kek-1");
    }

    @Test
    void aWeakKekIsRefused() {
        assertThatThrownBy(() -> new KeyEncryption("k", Base64.getEncoder().encodeToString(new byte[16])))
                .hasMessageContaining("32 bytes");
    }

    @Test
    void aPublicJwkGivesBackTheKeyThatVerifies() throws Exception {
        for (Algorithm alg : Algorithm.values()) {
            KeyPair pair = SigningKeys.generate(alg);
            var key = SigningKeys.publicKey(SigningKeys.publicJwk(alg, "k", pair.getPublic()));
            Signature signer = Signature.getInstance(SigningKeys.jcaSignature(alg));
            signer.initSign(pair.getPrivate());
            signer.update("m".getBytes());
            byte[] signature = signer.sign();
            if (alg == Algorithm.ES256) {
                assertThat(signature).as("JOSE r||s form").hasSize(64);
            }
            Signature verifier = Signature.getInstance(SigningKeys.jcaSignature(alg));
            verifier.initVerify(key);
            verifier.update("m".getBytes());
            assertThat(verifier.verify(signature)).isTrue();
        }
    }

    @Test
    void publicJwksHaveTheRfc7518Members() {
        var rsa = SigningKeys.publicJwk(Algorithm.RS256, "r1", SigningKeys.generate(Algorithm.RS256).getPublic());
        assertThat(rsa).containsEntry("kty", "RSA").containsEntry("alg", "RS256").containsEntry("use", "sig")
                .containsKeys("n", "e").doesNotContainKeys("d", "p", "q");
        assertThat(Base64.getUrlDecoder().decode((String) rsa.get("n"))).hasSize(256);
        var ec = SigningKeys.publicJwk(Algorithm.ES256, "e1", SigningKeys.generate(Algorithm.ES256).getPublic());
        assertThat(ec).containsEntry("kty", "EC").containsEntry("crv", "P-256").containsKeys("x", "y")
                .doesNotContainKey("d");
        assertThat(Base64.getUrlDecoder().decode((String) ec.get("x"))).hasSize(32);
    }
}
