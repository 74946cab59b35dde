package io.github.ssosuite.contracts.keys;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.Security;
import java.security.Signature;

import static org.assertj.core.api.Assertions.assertThat;

/** ACCP signs ES256 and the JDK verifies it (and the reverse); RS256 stays with the JDK. */
class NativeCryptoTest {

    @Test
    void es256GoesToAccpRs256StaysWithTheJdkAndSignaturesInteroperate() throws Exception {
        String signers = NativeCrypto.install();
        boolean accp = Security.getProvider("AmazonCorrettoCryptoProvider") != null;
        assertThat(signers).startsWith("RS256 by SunRsaSign");
        if (accp) {
            assertThat(signers).endsWith("ES256 by AmazonCorrettoCryptoProvider");
        }
        byte[] data = "header.payload".getBytes(StandardCharsets.US_ASCII);
        for (var alg : SigningKeys.Algorithm.values()) {
            KeyPair keys = SigningKeys.generate(alg);
            Signature signer = Signature.getInstance(SigningKeys.jcaSignature(alg));
            signer.initSign(keys.getPrivate());
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
