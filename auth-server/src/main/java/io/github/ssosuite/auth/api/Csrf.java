package io.github.ssosuite.auth.api;

import io.github.ssosuite.auth.client.Secrets;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The double-submit CSRF token of the OP's own forms (login, consent, logout confirmation, account): a random
 * token in an HttpOnly, SameSite=Strict cookie scoped to the form's path, and the same token in a hidden field;
 * a POST is accepted only when the two match (compared in constant time).
 */
final class Csrf {

    /** A token is 32 random bytes, base64url without padding. */
    private static final int TOKEN_LENGTH = 43;

    private Csrf() {
    }

    /** The browser's current token when it has a well-formed one (several open tabs keep working), else a new one. */
    static String token(String cookie) {
        return cookie != null && cookie.length() == TOKEN_LENGTH ? cookie : Secrets.random(32);
    }

    /** Whether the form's token is the cookie's. */
    static boolean matches(String form, String cookie) {
        return form != null && cookie != null && !form.isEmpty()
                && MessageDigest.isEqual(form.getBytes(StandardCharsets.UTF_8), cookie.getBytes(StandardCharsets.UTF_8));
    }

    /** {@code page} with the token's cookie set for {@code path} (an hour). */
    static Response withCookie(Response page, String name, String path, String token, boolean secure) {
        return Response.fromResponse(page).cookie(new NewCookie.Builder(name).value(token).path(path).httpOnly(true)
                .secure(secure).sameSite(NewCookie.SameSite.STRICT).maxAge(3600).build()).build();
    }
}
