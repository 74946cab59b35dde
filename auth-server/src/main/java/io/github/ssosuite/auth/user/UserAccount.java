package io.github.ssosuite.auth.user;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A person who can log in. {@code id} is the stable {@code sub} of their tokens; usernames may change. */
@Entity
@Table(name = "users", schema = "auth")
public class UserAccount {

    @Id
    @Column(name = "id", nullable = false, updatable = false)
    public String id;

    @Column(name = "username", nullable = false, unique = true)
    public String username;

    @Column(name = "email")
    public String email;

    @Column(name = "email_verified", nullable = false)
    public boolean emailVerified;

    /** argon2id PHC string; never logged, never served. */
    @Column(name = "password_hash", nullable = false)
    public String passwordHash;

    @Column(name = "disabled", nullable = false)
    public boolean disabled;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Override
    public String toString() {
        return "UserAccount[id=" + id + ", username=" + username + "]";
    }
}
