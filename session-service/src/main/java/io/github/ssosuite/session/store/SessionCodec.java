package io.github.ssosuite.session.store;

import io.github.ssosuite.contracts.ParticipatingClient;
import io.github.ssosuite.session.model.Session;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A session as a Redis hash with short field names (small hashes stay in Redis's compact encoding):
 * {@code u} sub, {@code at} auth_time (s), {@code amr} (space-separated), {@code acr}, {@code ca} created,
 * {@code ls} last seen, {@code ie} idle expiry, {@code ae} absolute expiry (ms), {@code ua}, {@code ip},
 * {@code bs} browser state, {@code c:<client_id>} join time (ms) per participating client.
 */
final class SessionCodec {

    private SessionCodec() {
    }

    static Map<String, String> fields(Session s) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("u", s.sub());
        f.put("at", Long.toString(s.authTime().getEpochSecond()));
        if (!s.amr().isEmpty()) {
            f.put("amr", String.join(" ", s.amr()));
        }
        if (s.acr() != null) {
            f.put("acr", s.acr());
        }
        f.put("ca", RedisSessionStore.ms(s.createdAt()));
        f.put("ls", RedisSessionStore.ms(s.lastSeenAt()));
        f.put("ie", RedisSessionStore.ms(s.idleExpiresAt()));
        f.put("ae", RedisSessionStore.ms(s.absoluteExpiresAt()));
        if (s.userAgent() != null) {
            f.put("ua", s.userAgent());
        }
        if (s.ip() != null) {
            f.put("ip", s.ip());
        }
        f.put("bs", s.browserState());
        return f;
    }

    static Session decode(String sid, Map<String, String> f) {
        List<ParticipatingClient> clients = new ArrayList<>();
        f.forEach((name, value) -> {
            if (name.startsWith("c:")) {
                clients.add(new ParticipatingClient(name.substring(2), Instant.ofEpochMilli(Long.parseLong(value))));
            }
        });
        clients.sort(Comparator.comparing(ParticipatingClient::joinedAt).thenComparing(ParticipatingClient::clientId));
        return new Session(sid, f.get("u"), Instant.ofEpochSecond(Long.parseLong(f.get("at"))),
                RedisSessionStore.words(f.get("amr")), f.get("acr"), millis(f.get("ca")), millis(f.get("ls")),
                millis(f.get("ie")), millis(f.get("ae")), f.get("ua"), f.get("ip"), f.get("bs"), List.copyOf(clients));
    }

    private static Instant millis(String value) {
        return Instant.ofEpochMilli(Long.parseLong(value));
    }
}
