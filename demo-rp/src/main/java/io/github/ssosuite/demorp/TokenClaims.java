package io.github.ssosuite.demorp;

import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.json.JsonObject;
import jakarta.json.JsonString;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.lang.reflect.Field;
import java.lang.reflect.Method;

/** Reads string claims, {@code sid} above all, from what Quarkus OIDC hands over. */
final class TokenClaims {

    static final String SID = "sid";

    private TokenClaims() {
    }

    /** A string claim of a token, or null. */
    static String string(JsonWebToken token, String claim) {
        if (token == null) {
            return null;
        }
        Object value = token.getClaim(claim);
        if (value instanceof JsonString json) {
            return json.getString();
        }
        return value instanceof String text ? text : null;
    }

    /** The {@code sid} of a code-flow identity (its principal is the ID token), or null. */
    static String sid(SecurityIdentity identity) {
        if (identity == null || !(identity.getPrincipal() instanceof JsonWebToken idToken)) {
            return null;
        }
        return string(idToken, SID);
    }

    /**
     * The {@code sid} of a verified logout token as Quarkus reports it in the {@code logout_token} property of
     * {@code OIDC_BACKCHANNEL_LOGOUT_INITIATED}: an internal {@code TokenVerificationResult} whose claims are in
     * {@code localVerificationResult}, a field in some Quarkus versions and a record accessor in others. Best
     * effort for the audit: null when the shape is not one of these.
     */
    static String sidOfVerifiedLogoutToken(Object verificationResult) {
        if (verificationResult == null) {
            return null;
        }
        Object claims = member(verificationResult, "localVerificationResult");
        if (claims instanceof JsonObject json && json.getValue(SID) instanceof String sid) {
            return sid;
        }
        return null;
    }

    private static Object member(Object target, String name) {
        Class<?> type = target.getClass();
        try {
            Method accessor = type.getDeclaredMethod(name);
            accessor.setAccessible(true);
            return accessor.invoke(target);
        } catch (ReflectiveOperationException | RuntimeException noAccessor) {
            try {
                Field field = type.getDeclaredField(name);
                field.setAccessible(true);
                return field.get(target);
            } catch (ReflectiveOperationException | RuntimeException noField) {
                return null;
            }
        }
    }
}
