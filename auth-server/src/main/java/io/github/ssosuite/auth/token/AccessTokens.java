package io.github.ssosuite.auth.token;

import io.github.ssosuite.auth.authorize.RedisGrants;
import io.github.ssosuite.auth.config.AuthServerConfig;
import io.github.ssosuite.auth.session.Sessions;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;

/**
 * Whether an access token this OP issued is still good: our signature and issuer, {@code typ at+jwt}, not
 * expired, not revoked, and — when it carries a {@code sid} — its session still alive (checklist H4: access
 * tokens die with the session at userinfo and introspection).
 */
@ApplicationScoped
public class AccessTokens {

    private final JwsVerifier verifier;
    private final RedisGrants grants;
    private final Sessions sessions;
    private final AuthServerConfig config;

    public AccessTokens(JwsVerifier verifier, RedisGrants grants, Sessions sessions, AuthServerConfig config) {
        this.verifier = verifier;
        this.grants = grants;
        this.sessions = sessions;
        this.config = config;
    }

    /** The token's claims when it is active; null otherwise (never an exception for a bad token). */
    public Uni<JwsVerifier.Verified> active(String token) {
        JwsVerifier.Verified verified;
        try {
            verified = verifier.verify(token, config.issuer());
        } catch (JwsVerifier.NotOurs e) {
            return Uni.createFrom().nullItem();
        }
        if (!"at+jwt".equals(verified.header().get("typ")) || verified.expired(Instant.now())) {
            return Uni.createFrom().nullItem();
        }
        String jti = verified.claim("jti");
        return grants.accessTokenRevoked(jti == null ? "-" : jti).chain(revoked -> {
            if (revoked) {
                return Uni.createFrom().nullItem();
            }
            String sid = verified.claim("sid");
            if (sid == null) {
                return Uni.createFrom().item(verified);
            }
            return sessions.get(sid).map(session -> session == null ? null : verified);
        });
    }

    public Uni<Void> revoke(JwsVerifier.Verified token) {
        String jti = token.claim("jti");
        return jti == null ? Uni.createFrom().voidItem() : grants.revokeAccessToken(jti);
    }
}
