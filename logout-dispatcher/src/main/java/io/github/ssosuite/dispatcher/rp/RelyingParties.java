package io.github.ssosuite.dispatcher.rp;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Clients' back-channel metadata from auth-server's {@code auth.clients}, read through Hibernate Reactive and kept
 * for a short while (issue 5: "cached with a short TTL"): a logout storm of one popular set of RPs reads each
 * client once per TTL, not once per event. A changed {@code backchannel_logout_uri} is seen within the TTL.
 */
@ApplicationScoped
public class RelyingParties {

    static final Duration TTL = Duration.ofSeconds(10);

    private record Entry(Optional<RelyingParty> rp, Instant readAt) {
    }

    private final Map<String, Entry> cache = new ConcurrentHashMap<>();

    /** The clients among {@code clientIds} that registered a back-channel logout URI. */
    public Uni<List<RelyingParty>> withBackChannel(List<String> clientIds) {
        Instant now = Instant.now();
        List<RelyingParty> known = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String id : clientIds) {
            Entry e = cache.get(id);
            if (e != null && now.isBefore(e.readAt().plus(TTL))) {
                e.rp().ifPresent(known::add);
            } else {
                missing.add(id);
            }
        }
        if (missing.isEmpty()) {
            return Uni.createFrom().item(known);
        }
        return Panache.withSession(() -> Panache.getSession().chain(session -> session
                .createSelectionQuery("from RelyingParty where clientId in :ids", RelyingParty.class)
                .setParameter("ids", missing).getResultList()))
                .map(found -> {
                    for (String id : missing) {
                        Optional<RelyingParty> rp = found.stream().filter(r -> r.clientId.equals(id))
                                .filter(r -> r.backchannelLogoutUri != null).findFirst();
                        cache.put(id, new Entry(rp, now));
                        rp.ifPresent(known::add);
                    }
                    return known;
                });
    }
}
