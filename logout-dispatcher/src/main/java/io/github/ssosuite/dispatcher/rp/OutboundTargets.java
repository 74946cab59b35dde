package io.github.ssosuite.dispatcher.rp;

import io.github.ssosuite.dispatcher.config.DispatcherConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.InetAddress;
import java.net.URI;
import java.util.Locale;

/**
 * Outbound safety (DESIGN: logout URIs are checked at delivery too): https only unless allowed, and no target that
 * resolves to a loopback, private, link-local, unspecified or cloud-metadata address unless the operator allows
 * it (the local stack does). Resolution happens on a worker thread.
 */
@ApplicationScoped
public class OutboundTargets {

    private final DispatcherConfig.Outbound config;
    private final Vertx vertx;

    public OutboundTargets(DispatcherConfig config, Vertx vertx) {
        this.config = config.outbound();
        this.vertx = vertx;
    }

    /** Null when {@code uri} may be called; otherwise why not. */
    public Uni<String> refusal(String uri) {
        URI target;
        try {
            target = new URI(uri);
        } catch (Exception e) {
            return Uni.createFrom().item("not a valid URL");
        }
        String scheme = target.getScheme() == null ? "" : target.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(scheme.equals("http") && !config.requireHttps())) {
            return Uni.createFrom().item("https is required");
        }
        if (target.getHost() == null || target.getRawFragment() != null) {
            return Uni.createFrom().item("not an absolute URL without fragment");
        }
        if (config.allowPrivateTargets()) {
            return Uni.createFrom().nullItem();
        }
        return vertx.executeBlocking(Uni.createFrom().item(() -> {
            try {
                for (InetAddress address : InetAddress.getAllByName(target.getHost())) {
                    if (isPrivate(address)) {
                        return "resolves to a loopback, private or link-local address";
                    }
                }
                return null;
            } catch (Exception e) {
                return "cannot be resolved";
            }
        }), false);
    }

    static boolean isPrivate(InetAddress address) {
        byte[] bytes = address.getAddress();
        boolean uniqueLocal = bytes.length == 16 && (bytes[0] & 0xfe) == 0xfc;
        return address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress()
                || address.isAnyLocalAddress() || address.isMulticastAddress() || uniqueLocal;
    }
}
