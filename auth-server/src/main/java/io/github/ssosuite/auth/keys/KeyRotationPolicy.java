package io.github.ssosuite.auth.keys;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * When keys sign, rotate and leave the JWKS (RFC 7517 §5 key sets; OIDC Core §10.1.1: "the JWK Set SHOULD
 * include the old keys" while signatures made with them are still checked). Pure: the clock is passed in.
 *
 * @param rotationInterval how long a key signs before a successor is made
 * @param publishAhead     a new key is published this long before it signs, so RPs that cache the JWKS know it
 * @param retention        a retired key stays published this long: tokens and id_token_hints it signed stay
 *                         verifiable
 */
public record KeyRotationPolicy(Duration rotationInterval, Duration publishAhead, Duration retention) {

    /** A key's life, as the policy sees it. */
    public record KeyTimes(String kid, Instant createdAt, Instant activatesAt, Instant retiresAt, Instant expiresAt) {
    }

    /** The key that signs at {@code now}: the newest active one. */
    public Optional<KeyTimes> signingKey(List<KeyTimes> keys, Instant now) {
        return keys.stream()
                .filter(k -> !k.activatesAt().isAfter(now))
                .filter(k -> k.retiresAt() == null || k.retiresAt().isAfter(now))
                .max(Comparator.comparing(KeyTimes::activatesAt));
    }

    /** The keys to publish at {@code now}: every key not yet past its expiry (future ones included). */
    public List<KeyTimes> published(List<KeyTimes> keys, Instant now) {
        return keys.stream().filter(k -> k.expiresAt() == null || k.expiresAt().isAfter(now))
                .sorted(Comparator.comparing(KeyTimes::activatesAt).reversed()).toList();
    }

    /**
     * Whether a successor must be made at {@code now}: there is no key, or the newest one (active or waiting to
     * activate) has signed, or will have signed, for the whole rotation interval by the time a successor made
     * now would activate.
     */
    public boolean needsSuccessor(List<KeyTimes> keys, Instant now) {
        Optional<KeyTimes> newest = keys.stream().filter(k -> k.retiresAt() == null)
                .max(Comparator.comparing(KeyTimes::activatesAt));
        return newest.isEmpty() || !newest.get().activatesAt().plus(rotationInterval).isAfter(now.plus(publishAhead));
    }

    /** When a successor made at {@code now} starts signing: at once when nothing signs yet, else after publishAhead. */
    public Instant successorActivation(List<KeyTimes> keys, Instant now) {
        return signingKey(keys, now).isEmpty() ? now : now.plus(publishAhead);
    }

    /** The expiry of a key retired at {@code retiredAt}. */
    public Instant expiryOf(Instant retiredAt) {
        return retiredAt.plus(retention);
    }
}
