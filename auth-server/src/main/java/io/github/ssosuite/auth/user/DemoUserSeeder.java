package io.github.ssosuite.auth.user;

import io.github.ssosuite.auth.config.AuthServerConfig;
import io.github.ssosuite.auth.password.PasswordHashing;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.UUID;

/**
 * Creates the demo user at start when {@code auth.demo-user.enabled} (the local stack turns it on). An
 * existing user of that name is left alone, so a second start, or several replicas, change nothing.
 */
@ApplicationScoped
public class DemoUserSeeder {

    private static final Logger LOG = Logger.getLogger(DemoUserSeeder.class);

    private final AuthServerConfig config;
    private final UserRepository users;
    private final PasswordHashing passwords;

    public DemoUserSeeder(AuthServerConfig config, UserRepository users, PasswordHashing passwords) {
        this.config = config;
        this.users = users;
        this.passwords = passwords;
    }

    void onStart(@Observes StartupEvent event) throws Throwable {
        var demo = config.demoUser();
        if (!demo.enabled()) {
            return;
        }
        String password = demo.password().orElseThrow(() ->
                new IllegalStateException("auth.demo-user.enabled=true needs auth.demo-user.password"));
        VertxContextSupport.subscribeAndAwait(() -> seed(demo.username(), demo.email(), password));
    }

    Uni<Void> seed(String username, String email, String password) {
        return Panache.withTransaction(() -> users.findByUsername(username).chain(existing -> {
            if (existing != null) {
                return Uni.createFrom().voidItem();
            }
            return passwords.hash(password).chain(hash -> {
                UserAccount user = new UserAccount();
                user.id = UUID.randomUUID().toString();
                user.username = username;
                user.email = email;
                user.emailVerified = true;
                user.passwordHash = hash;
                user.createdAt = Instant.now();
                user.updatedAt = user.createdAt;
                LOG.infof("created demo user '%s'", username);
                return users.persist(user).replaceWithVoid();
            });
        }));
    }
}
