package io.github.ssosuite.auth.oidc;

/**
 * A refused authorization request (Core §3.1.2.6). {@link #redirect} is false while the client or its redirect
 * URI is not established: the OP then shows an error page and never redirects (OAuth 2.0 §4.1.2.1).
 */
public class AuthorizationError extends RuntimeException {

    private final String error;
    private final boolean redirect;

    private AuthorizationError(String error, String description, boolean redirect) {
        super(description);
        this.error = error;
        this.redirect = redirect;
    }

    /** Shown to the user; no redirect (unknown client, bad or unregistered redirect_uri). */
    public static AuthorizationError page(String description) {
        return new AuthorizationError("invalid_request", description, false);
    }

    /** Returned to the client at its registered redirect_uri with {@code state}. */
    public static AuthorizationError redirect(String error, String description) {
        return new AuthorizationError(error, description, true);
    }

    public String error() {
        return error;
    }

    public boolean redirectable() {
        return redirect;
    }
}
