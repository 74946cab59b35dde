package io.github.ssosuite.auth.session;

import io.github.ssosuite.auth.config.AuthServerConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.NewCookie;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The OP session cookie (DESIGN flow 1): HttpOnly, Secure (off only for plain-http local runs), SameSite=Lax, and
 * an opaque reference: the sid encrypted (AES-GCM, key derived from the key-encryption key), so an RP that knows a
 * sid from an ID token still cannot make the cookie. The browser-state cookie of Session Management is separate
 * and holds nothing identifying.
 */
@ApplicationScoped
public class OpSessionCookie {

    public static final String NAME = "op_session";
    public static final String BROWSER_STATE = "op_browser_state";
    private static final int MAX_AGE = 24 * 3600;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;
    private final boolean secure;

    public OpSessionCookie(AuthServerConfig config) {
        this.secure = config.cookies().secure();
        try {
            byte[] kek = Base64.getDecoder().decode(config.keys().encryptionKey().orElseThrow().trim());
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(kek, "HmacSHA256"));
            this.key = new SecretKeySpec(mac.doFinal("op-session-cookie-v1".getBytes(StandardCharsets.US_ASCII)), "AES");
        } catch (Exception e) {
            throw new IllegalStateException("cannot derive the session cookie key", e);
        }
    }

    public NewCookie issue(String sid) {
        try {
            byte[] nonce = new byte[12];
            RANDOM.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
            byte[] sealed = cipher.doFinal(sid.getBytes(StandardCharsets.UTF_8));
            String value = Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(ByteBuffer.allocate(12 + sealed.length).put(nonce).put(sealed).array());
            return cookie(NAME, value, MAX_AGE, true);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The sid in a cookie value, or null when absent, altered or made with another key. */
    public String sid(String value) {
        if (value == null || value.isEmpty() || value.length() > 512) {
            return null;
        }
        try {
            byte[] blob = Base64.getUrlDecoder().decode(value);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, blob, 0, 12));
            return new String(cipher.doFinal(blob, 12, blob.length - 12), StandardCharsets.UTF_8);
        } catch (Exception e) {
            return null;
        }
    }

    /**
     * The Session Management browser state, readable by the check_session_iframe (not HttpOnly; not identifying,
     * G5). The iframe runs inside RP pages, so over https the cookie is SameSite=None, or a browser would hide it
     * from the iframe when the RP is on another site; plain-http local runs (same site) keep Lax. On logout it is
     * replaced by a fresh random value, not removed: a missing cookie tells the iframe that it cannot read cookies
     * (third-party cookies blocked; P18), a different value that the state changed (G4).
     */
    public NewCookie browserState(String browserState) {
        return new NewCookie.Builder(BROWSER_STATE).value(browserState).path("/").maxAge(MAX_AGE).httpOnly(false)
                .secure(secure).sameSite(secure ? NewCookie.SameSite.NONE : NewCookie.SameSite.LAX).build();
    }

    public NewCookie clear(String name) {
        return cookie(name, "", 0, !name.equals(BROWSER_STATE));
    }

    private NewCookie cookie(String name, String value, int maxAge, boolean httpOnly) {
        return new NewCookie.Builder(name).value(value).path("/").maxAge(maxAge).httpOnly(httpOnly).secure(secure)
                .sameSite(NewCookie.SameSite.LAX).build();
    }
}
