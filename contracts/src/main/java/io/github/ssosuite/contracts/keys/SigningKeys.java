package io.github.ssosuite.contracts.keys;

import java.math.BigInteger;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The OP's signing algorithms and their keys: generation, the public JWK (RFC 7517/7518) published at
 * {@code jwks_uri}, and reading a private key back from its PKCS#8 form. JDK only.
 */
public final class SigningKeys {

    /** The algorithms the OP signs with. RS256 is every RP's default (Core §3.1.3.7). */
    public enum Algorithm {
        RS256("RSA", "RSA"), ES256("EC", "EC");

        private final String jcaFamily;
        private final String jwkType;

        Algorithm(String jcaFamily, String jwkType) {
            this.jcaFamily = jcaFamily;
            this.jwkType = jwkType;
        }

        public String jcaFamily() {
            return jcaFamily;
        }
    }

    private SigningKeys() {
    }

    public static KeyPair generate(Algorithm alg) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(alg.jcaFamily);
            if (alg == Algorithm.RS256) {
                generator.initialize(2048);
            } else {
                generator.initialize(new ECGenParameterSpec("secp256r1"));
            }
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException("cannot generate a " + alg + " key", e);
        }
    }

    public static PrivateKey privateKey(Algorithm alg, byte[] pkcs8) {
        try {
            return KeyFactory.getInstance(alg.jcaFamily).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        } catch (Exception e) {
            throw new IllegalArgumentException("not a " + alg + " private key", e);
        }
    }

    /** The public JWK of {@code keyPair}: kty, kid, use=sig, alg, and the key's parameters. */
    public static Map<String, Object> publicJwk(Algorithm alg, String kid, java.security.PublicKey publicKey) {
        Map<String, Object> jwk = new LinkedHashMap<>();
        jwk.put("kty", alg.jwkType);
        jwk.put("kid", kid);
        jwk.put("use", "sig");
        jwk.put("alg", alg.name());
        if (publicKey instanceof RSAPublicKey rsa) {
            jwk.put("n", b64(unsigned(rsa.getModulus())));
            jwk.put("e", b64(unsigned(rsa.getPublicExponent())));
        } else if (publicKey instanceof ECPublicKey ec) {
            jwk.put("crv", "P-256");
            jwk.put("x", b64(fixed(ec.getW().getAffineX(), 32)));
            jwk.put("y", b64(fixed(ec.getW().getAffineY(), 32)));
        } else {
            throw new IllegalArgumentException("unsupported key " + publicKey.getAlgorithm());
        }
        return jwk;
    }

    /** The public key of a public JWK made by {@link #publicJwk} (RSA n/e, or EC P-256 x/y). */
    public static java.security.PublicKey publicKey(Map<String, Object> jwk) {
        try {
            Base64.Decoder b64 = Base64.getUrlDecoder();
            if ("RSA".equals(jwk.get("kty"))) {
                return KeyFactory.getInstance("RSA").generatePublic(new java.security.spec.RSAPublicKeySpec(
                        new BigInteger(1, b64.decode((String) jwk.get("n"))),
                        new BigInteger(1, b64.decode((String) jwk.get("e")))));
            }
            if ("EC".equals(jwk.get("kty")) && "P-256".equals(jwk.get("crv"))) {
                var parameters = java.security.AlgorithmParameters.getInstance("EC");
                parameters.init(new ECGenParameterSpec("secp256r1"));
                var spec = parameters.getParameterSpec(java.security.spec.ECParameterSpec.class);
                var point = new java.security.spec.ECPoint(new BigInteger(1, b64.decode((String) jwk.get("x"))),
                        new BigInteger(1, b64.decode((String) jwk.get("y"))));
                return KeyFactory.getInstance("EC").generatePublic(new java.security.spec.ECPublicKeySpec(point, spec));
            }
        } catch (Exception e) {
            throw new IllegalArgumentException("not a usable public JWK", e);
        }
        throw new IllegalArgumentException("unsupported JWK " + jwk.get("kty"));
    }

    /** The JCA signature algorithm of a JWS {@code alg} (ES256 in JOSE's r||s form). */
    public static String jcaSignature(Algorithm alg) {
        return alg == Algorithm.RS256 ? "SHA256withRSA" : "SHA256withECDSAinP1363Format";
    }

    private static byte[] unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        return bytes[0] == 0 && bytes.length > 1 ? Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
    }

    private static byte[] fixed(BigInteger value, int length) {
        byte[] bytes = unsigned(value);
        byte[] out = new byte[length];
        System.arraycopy(bytes, 0, out, length - bytes.length, bytes.length);
        return out;
    }

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
