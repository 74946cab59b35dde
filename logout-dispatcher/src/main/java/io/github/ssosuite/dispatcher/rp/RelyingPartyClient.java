package io.github.ssosuite.dispatcher.rp;

import io.github.ssosuite.dispatcher.config.DispatcherConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * Sends a logout token to an RP (BCL §2.5; checklist F12, F15, F17): HTTP POST, {@code Content-Type} exactly
 * {@code application/x-www-form-urlencoded}, body {@code logout_token=...}; redirects are not followed; connect and
 * total timeouts bound every attempt, so a slow RP costs its own delivery and nobody else's.
 */
@ApplicationScoped
public class RelyingPartyClient {

    /** What happened: the HTTP status, or -1 with the error when there was no answer. */
    public record Answer(int status, String error, Duration took) {
    }

    private final WebClient client;
    private final Duration timeout;

    public RelyingPartyClient(Vertx vertx, DispatcherConfig config) {
        this.timeout = config.delivery().timeout();
        this.client = WebClient.create(vertx, new WebClientOptions()
                .setFollowRedirects(false)
                .setConnectTimeout((int) config.delivery().connectTimeout().toMillis())
                .setMaxPoolSize(64)
                .setKeepAlive(true)
                .setUserAgent("sso-suite-logout-dispatcher"));
    }

    public Uni<Answer> post(String uri, String logoutToken) {
        return post(uri, logoutToken, timeout, Map.of());
    }

    /**
     * With a client's own timeout (dispatcher.clients."id".timeout) and extra headers (the trace context that
     * makes the POST part of the logout's trace).
     */
    public Uni<Answer> post(String uri, String logoutToken, Duration timeout, Map<String, String> headers) {
        long start = System.nanoTime();
        var request = client.postAbs(uri)
                .timeout(timeout.toMillis())
                .putHeader("Content-Type", "application/x-www-form-urlencoded")
                .putHeader("Cache-Control", "no-store");
        headers.forEach(request::putHeader);
        return request.sendBuffer(Buffer.buffer("logout_token=" + URLEncoder.encode(logoutToken, StandardCharsets.UTF_8)))
                .map(response -> new Answer(response.statusCode(), null, Duration.ofNanos(System.nanoTime() - start)))
                .onFailure().recoverWithItem(e -> new Answer(-1, String.valueOf(e.getMessage()),
                        Duration.ofNanos(System.nanoTime() - start)));
    }

    @PreDestroy
    void close() {
        client.close();
    }
}
