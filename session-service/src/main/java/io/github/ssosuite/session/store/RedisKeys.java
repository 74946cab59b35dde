package io.github.ssosuite.session.store;

/**
 * Redis key names. Every key of a shard carries the shard's hash tag ({@code {sso-3}}), so the keys that change
 * together (a session, the indexes, the outbox) share one Redis Cluster slot and one Lua script can change them
 * atomically.
 *
 * <pre>
 * {sso-3}:s:&lt;sid&gt;       hash    the session record
 * {sso-3}:by-user        zset    "sub\0sid"        a user's sessions (lexicographic range per sub)
 * {sso-3}:c:&lt;client&gt;    set     sids              the sessions a client joined
 * {sso-3}:expiry         zset    sid by expiry ms  what the sweeper ends next
 * {sso-3}:ended:&lt;sid&gt;   string  event id          an ended session, for idempotent ending (with TTL)
 * {sso-3}:outbox         stream  SessionEnded events waiting for Kafka
 * sso:outbox-signal      pub/sub wakes the relays
 * </pre>
 *
 * <p>The scripts that end a session also remove it from the index of each client it names; those keys are
 * computed inside the script from {@link #clientIndexPrefix(int)}, since the clients are only known once the
 * record is read. They always carry the same hash tag as the declared keys, so they live in the same Cluster
 * slot and the script stays atomic and routable. (A set per client costs about half of a sorted-set member per
 * joined client, measured by SessionStoreBenchmark.)
 */
public final class RedisKeys {

    private final String prefix;

    public RedisKeys(String prefix) {
        this.prefix = prefix;
    }

    private String tag(int shard) {
        return "{" + prefix + "-" + shard + "}";
    }

    public String session(int shard, String sid) {
        return tag(shard) + ":s:" + sid;
    }

    public String byUser(int shard) {
        return tag(shard) + ":by-user";
    }

    public String byClient(int shard, String clientId) {
        return clientIndexPrefix(shard) + clientId;
    }

    public String clientIndexPrefix(int shard) {
        return tag(shard) + ":c:";
    }

    public String expiry(int shard) {
        return tag(shard) + ":expiry";
    }

    public String ended(int shard, String sid) {
        return tag(shard) + ":ended:" + sid;
    }

    public String outbox(int shard) {
        return tag(shard) + ":outbox";
    }

    public String signalChannel() {
        return prefix + ":outbox-signal";
    }
}
