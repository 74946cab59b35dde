package io.github.ssosuite.auth.user;

import io.github.ssosuite.auth.password.PasswordHashing;
import io.github.ssosuite.testsupport.SuiteInfrastructureResource;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.sql.DriverManager;
import java.time.Instant;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/** auth-server's users live in real PostgreSQL: migrated by Flyway, read and written by Hibernate Reactive. */
@QuarkusTest
@QuarkusTestResource(SuiteInfrastructureResource.class)
class UserStorageTest {

    @Inject
    UserRepository users;

    @Inject
    PasswordHashing passwords;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    @ConfigProperty(name = "quarkus.datasource.username")
    String dbUser;

    @ConfigProperty(name = "quarkus.datasource.password")
    String dbPassword;

    @Test
    void readinessReportsPostgresUp() {
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("Reactive PostgreSQL connections health check"));
    }

    @Test
    void flywayMigratedTheAuthSchema() throws Exception {
        try (var c = DriverManager.getConnection(jdbcUrl, dbUser, dbPassword);
             var rs = c.createStatement().executeQuery(
                     "SELECT version, success FROM auth.flyway_schema_history WHERE version = '1'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getBoolean("success")).isTrue();
        }
    }

    @Test
    void theDemoUserIsSeededWithAnArgon2idHash() throws Throwable {
        UserAccount demo = VertxContextSupport.subscribeAndAwait(() ->
                Panache.withSession(() -> users.findByUsername("demo")));

        assertThat(demo).isNotNull();
        assertThat(demo.passwordHash).startsWith("$argon2id$");
        assertThat(VertxContextSupport.subscribeAndAwait(() ->
                passwords.verify("test-demo-password", demo.passwordHash))).isTrue();
    }

    @Test
    void aUserRoundTripsThroughHibernateReactiveAndUsernamesAreUnique() throws Throwable {
        String name = "user-" + UUID.randomUUID();
        VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> users.persist(newUser(name))));

        UserAccount read = VertxContextSupport.subscribeAndAwait(() ->
                Panache.withSession(() -> users.findByUsername(name)));
        assertThat(read.username).isEqualTo(name);
        assertThat(read.email).isEqualTo(name + "@example.org");

        assertThatThrownBy(() -> VertxContextSupport.subscribeAndAwait(() ->
                Panache.withTransaction(() -> users.persist(newUser(name)))))
                .hasMessageContaining("users_username_unique");
    }

    private static UserAccount newUser(String name) {
        UserAccount user = new UserAccount();
        user.id = UUID.randomUUID().toString();
        user.username = name;
        user.email = name + "@example.org";
        user.passwordHash = "$argon2id$v=19$m=1024,t=1,p=1$c2FsdA$aGFzaA";
        user.createdAt = Instant.now();
        user.updatedAt = user.createdAt;
        return user;
    }
}
