package io.github.ssosuite.auth.password;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class Argon2idPasswordHasherTest {

    private final Argon2idPasswordHasher hasher = new Argon2idPasswordHasher(1024, 1, 1);

    @Test
    void verifiesHashesMadeByTheReferenceImplementation() {
        // made with the argon2 reference CLI (Debian package "argon2"):
        // echo -n "correct horse battery staple" | argon2 saltsaltsaltsalt -id -t 2 -k 1024 -p 1 -l 32 -e
        String reference = "$argon2id$v=19$m=1024,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA$RC5JY/00hXKlnXZ/+PCVcJg84nuCQwbjIQ3DVCTomOQ";
        assertThat(hasher.verify("correct horse battery staple", reference)).isTrue();
        assertThat(hasher.verify("correct horse battery stapler", reference)).isFalse();
        // non-ASCII passwords are UTF-8, several lanes: echo -n "pässwörd" | argon2 0123456789abcdef -id -t 3 -k 64 -p 2 -l 32 -e
        assertThat(hasher.verify("pässwörd",
                "$argon2id$v=19$m=64,t=3,p=2$MDEyMzQ1Njc4OWFiY2RlZg$8156BH+939bv9kGq2zNiFPC3Q17n/AW6LfURjYY6nj8")).isTrue();
    }

    @Test
    void hashesCarryTheirCostAndAFreshSalt() {
        String first = hasher.hash("secret");
        String second = hasher.hash("secret");

        assertThat(first).startsWith("$argon2id$v=19$m=1024,t=1,p=1$").isNotEqualTo(second);
        assertThat(hasher.verify("secret", first)).isTrue();
        assertThat(hasher.verify("secret", second)).isTrue();
        assertThat(hasher.verify("Secret", first)).isFalse();
    }

    @Test
    void malformedHashesNeverMatchAndNeverThrow() {
        assertThat(hasher.verify("x", "")).isFalse();
        assertThat(hasher.verify("x", "$argon2i$v=19$m=1024,t=1,p=1$c2FsdA$aGFzaA")).isFalse();
        assertThat(hasher.verify("x", "$argon2id$v=19$m=abc,t=1,p=1$c2FsdA$aGFzaA")).isFalse();
        assertThat(hasher.verify("x", "$argon2id$v=19$m=1024,t=1,p=1$!!!$aGFzaA")).isFalse();
        assertThat(hasher.verify("x", "bcrypt-or-anything-else")).isFalse();
    }

    @Test
    void aChangedCostAsksForARehash() {
        String hash = hasher.hash("secret");
        assertThat(hasher.needsRehash(hash)).isFalse();
        assertThat(new Argon2idPasswordHasher(19456, 2, 1).needsRehash(hash)).isTrue();
    }

    @Test
    void unsafeCostIsRefused() {
        assertThatThrownBy(() -> new Argon2idPasswordHasher(4, 1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Argon2idPasswordHasher(1024, 0, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
