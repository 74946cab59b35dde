package io.github.ssosuite.contracts.keys;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.Security;
import java.security.Signature;

import static org.assertj.core.api.Assertions.assertThat;

/** ACCP, when it loads, makes the keys and signs RS256 and ES256; the JDK's own providers verify its signatures. */
class NativeCryptoTest {

    @Test
    void bothAlgorithmsGoToAccpWithItsOwnKeysAndTheJdkVerifiesThem() throws Exception {
        String signers = NativeCrypto.install();
        boolean accp = Security.getProvider("AmazonCorrettoCryptoProvider") != null;
        assertThat(signers).isEqualTo(accp ? "RS256 by AmazonCorrettoCryptoProvider, ES256 by AmazonCorrettoCryptoProvider"
                : "RS256 by SunRsaSign, ES256 by SunEC");
        byte[] data = "header.payload".getBytes(StandardCharsets.US_ASCII);
        for (var alg : SigningKeys.Algorithm.values()) {
            KeyPair keys = SigningKeys.generate(alg);
            // as the services load it: from the stored PKCS#8 bytes, through the preferred KeyFactory
            var privateKey = SigningKeys.privateKey(alg, keys.getPrivate().getEncoded());
            if (accp) {
                assertThat(privateKey.getClass().getName()).as("a native key: no conversion per signature")
                        .startsWith("com.amazon.corretto.crypto.provider.");
            }
            Signature signer = Signature.getInstance(SigningKeys.jcaSignature(alg));
            signer.initSign(privateKey);
            signer.update(data);
            byte[] signature = signer.sign();
            // the JDK's own providers verify what the preferred provider signed
            Signature verifier = Signature.getInstance(SigningKeys.jcaSignature(alg),
                    alg == SigningKeys.Algorithm.RS256 ? "SunRsaSign" : "SunEC");
            verifier.initVerify(keys.getPublic());
            verifier.update(data);
            assertThat(verifier.verify(signature)).as(alg + " signed by " + signer.getProvider().getName()).isTrue();
        }
        assertThat(NativeCrypto.install()).as("installing twice changes nothing").isEqualTo(signers);
    }
}
