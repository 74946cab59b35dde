package io.github.ssosuite.contracts.keys;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Private signing keys at rest: AES-256-GCM under a key-encryption key (KEK) from configuration. The stored form
 * is {@code v1.<kek id>.<base64url(nonce ‖ ciphertext ‖ tag)>}; the key id is bound as associated data, so a
 * blob cannot be moved to another key's row. auth-server writes it; auth-server and logout-dispatcher read it.
 */
public final class KeyEncryption {

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String kekId;
    private final SecretKey kek;

    /**
     * @param kekId  a name for the KEK (so several can coexist during a KEK rotation)
     * @param kekBase64 32 random bytes, base64 (standard or URL alphabet)
     */
    public KeyEncryption(String kekId, String kekBase64) {
        byte[] bytes = decodeBase64(kekBase64);
        if (bytes.length != 32) {
            throw new IllegalArgumentException("the key-encryption key must be 32 bytes (base64 of 32 random bytes), "
                    + "got " + bytes.length);
        }
        if (kekId.isEmpty() || kekId.contains(".")) {
            throw new IllegalArgumentException("the key-encryption key id must be non-empty and contain no '.'");
        }
        this.kekId = kekId;
        this.kek = new SecretKeySpec(bytes, "AES");
    }

    public String kekId() {
        return kekId;
    }

    /** Encrypts {@code plaintext} (e.g. a PKCS#8 private key) bound to {@code kid}. */
    public String encrypt(String kid, byte[] plaintext) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            RANDOM.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, kek, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(kid.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext);
            byte[] blob = ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array();
            return "v1." + kekId + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(blob);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("encryption failed", e);
        }
    }

    /** Decrypts what {@link #encrypt} made for {@code kid}; fails if it was altered, moved or made under another KEK. */
    public byte[] decrypt(String kid, String stored) {
        String[] parts = stored.split("\\.");
        if (parts.length != 3 || !parts[0].equals("v1")) {
            throw new IllegalArgumentException("not an encrypted key of a known format");
        }
        if (!parts[1].equals(kekId)) {
            throw new IllegalArgumentException("key " + kid + " is encrypted under key-encryption key '" + parts[1]
                    + "', not the configured '" + kekId + "'");
        }
        try {
            byte[] blob = Base64.getUrlDecoder().decode(parts[2]);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, kek, new GCMParameterSpec(TAG_BITS, blob, 0, NONCE_BYTES));
            cipher.updateAAD(kid.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(blob, NONCE_BYTES, blob.length - NONCE_BYTES);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("key " + kid + " cannot be decrypted: altered, or not this KEK's", e);
        }
    }

    private static byte[] decodeBase64(String text) {
        String trimmed = text.trim();
        try {
            return Base64.getDecoder().decode(trimmed);
        } catch (IllegalArgumentException notStandard) {
            return Base64.getUrlDecoder().decode(trimmed);
        }
    }
}
