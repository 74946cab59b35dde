package io.github.ssosuite.session.api;

/**
 * The scopes of the bearer tokens this API takes (auth-server's {@code client_credentials} grant). The token's
 * space-separated {@code scope} claim becomes the caller's roles ({@code smallrye.jwt.path.groups=scope}).
 */
public final class Scopes {

    public static final String READ = "sessions:read";
    public static final String WRITE = "sessions:write";
    public static final String END = "sessions:end";

    private Scopes() {
    }
}
