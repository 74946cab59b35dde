package io.github.ssosuite.auth.api;

/**
 * An error the OAuth way (RFC 6749 §5.2, RFC 7591 §3.2.2): {@code {"error", "error_description"}} with its HTTP
 * status. Thrown by endpoints, mapped once by {@link OAuthErrorMapper}.
 */
public class OAuthError extends RuntimeException {

    private final int status;
    private final String error;

    public OAuthError(int status, String error, String description) {
        super(description);
        this.status = status;
        this.error = error;
    }

    public static OAuthError invalidRequest(String description) {
        return new OAuthError(400, "invalid_request", description);
    }

    public int status() {
        return status;
    }

    public String error() {
        return error;
    }
}
