package io.github.ssosuite.auth.user;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Users in PostgreSQL (schema {@code auth}), through Hibernate Reactive. */
@ApplicationScoped
public class UserRepository implements PanacheRepositoryBase<UserAccount, String> {

    public Uni<UserAccount> findByUsername(String username) {
        return find("username", username).firstResult();
    }
}
