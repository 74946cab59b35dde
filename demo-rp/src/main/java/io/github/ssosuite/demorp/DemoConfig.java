package io.github.ssosuite.demorp;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.List;
import java.util.Optional;

/**
 * demo-rp's own settings ({@code demo.*}; environment {@code DEMO_*}). Everything OIDC is Quarkus's own
 * {@code quarkus.oidc.*} keys.
 */
@ConfigMapping(prefix = "demo")
public interface DemoConfig {

    /** Display name on every page; application.properties sets it to the client id. */
    @WithDefault("intranet")
    String name();

    /** Base URLs of the other demo apps, linked from the home page (comma-separated). */
    Optional<List<String>> siblings();

    /** The OP's {@code check_session_iframe}, embedded by the session probe; its origin is the only one answered. */
    @WithDefault("http://localhost:8080/session/check")
    String opCheckSessionIframe();
}
