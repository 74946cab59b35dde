package io.github.ssosuite.bench.peers;

import io.github.ssosuite.bench.oidc.Oidc;

import java.net.URI;
import java.util.Map;

/**
 * An OpenID Provider under test, started by the harness with the same RPs and users: RP {@code i} (1..rps) is
 * client {@code rp<i>} with redirect URI {@code <rp-base>/rp<i>/cb}, post-logout URI
 * {@code <rp-base>/rp<i>/after-logout} and back-channel logout URI {@code <rp-base>/rp<i>/backchannel}
 * (session required); users {@code user1..user<n>} with password {@link #PASSWORD}, hashed with argon2id at
 * m=19456 KiB, t=2, p=1 by every provider; RS256 signatures.
 */
public interface Peer extends AutoCloseable {

    String PASSWORD = "bench-password";

    String name();

    URI issuer();

    Oidc.Client client(int rp);

    default String username(int user) {
        return "user" + user;
    }

    /** The provider's processes, by name (for resident memory). */
    Map<String, Long> pids();

    /** Milliseconds from the start command to ready, per process. */
    Map<String, Long> startupMillis();

    @Override
    void close();
}
