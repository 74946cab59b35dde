package io.github.ssosuite.session.rules;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * Session ids ({@code sid}) and the shard that stores a user's sessions.
 *
 * <p>A sid is {@code <shard>-<22 characters of base64url>}: 128 random bits from a CSPRNG (FCL §5, "sufficient
 * entropy"; unique per session within the issuer) behind the number of the shard that holds every key of the
 * session. All sessions of a user live in one shard (chosen from {@code sub}), so ending them, with their
 * indexes and the outbox entry, is one atomic Redis script even on Redis Cluster, where the shard is the key's
 * hash tag. The sid uses only characters allowed in an OAuth client_id (C1).
 */
public final class SessionIds {

    private static final Pattern SID = Pattern.compile("^(\\d{1,4})-[A-Za-z0-9_-]{22}$");
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final int shards;
    private final SecureRandom random = new SecureRandom();

    public SessionIds(int shards) {
        if (shards < 1 || shards > 1024) {
            throw new IllegalArgumentException("shards must be between 1 and 1024");
        }
        this.shards = shards;
    }

    public int shards() {
        return shards;
    }

    /** The shard of all sessions of {@code sub}: stable for a given shard count. */
    public int shardOf(String sub) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(sub.getBytes(StandardCharsets.UTF_8));
            int value = ((digest[0] & 0xff) << 24) | ((digest[1] & 0xff) << 16) | ((digest[2] & 0xff) << 8) | (digest[3] & 0xff);
            return Math.floorMod(value, shards);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A new sid for a session of {@code sub}. */
    public String newSid(String sub) {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return shardOf(sub) + "-" + B64.encodeToString(bytes);
    }

    /** The shard a sid names, or empty if the text is not a sid of this service (so no such session exists). */
    public OptionalInt shardOfSid(String sid) {
        if (sid == null) {
            return OptionalInt.empty();
        }
        var m = SID.matcher(sid);
        if (!m.matches()) {
            return OptionalInt.empty();
        }
        int shard = Integer.parseInt(m.group(1));
        return shard < shards ? OptionalInt.of(shard) : OptionalInt.empty();
    }

    /** A new opaque browser state (Session Management 1.0 "OP browser state"): 128 random bits. */
    public String newBrowserState() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return B64.encodeToString(bytes);
    }
}
