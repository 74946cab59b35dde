package io.github.ssosuite.dispatcher.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Every setting of logout-dispatcher ({@code dispatcher.*}; environment: {@code DISPATCHER_*}). Kafka and
 * PostgreSQL addresses are Quarkus's own keys ({@code kafka.bootstrap.servers}, {@code quarkus.datasource.*});
 * the consumer's topic and group are under {@code mp.messaging.incoming.session-ended.*}.
 */
@ConfigMapping(prefix = "dispatcher")
public interface DispatcherConfig {

    /** The OP's issuer: the {@code iss} of every logout token; must equal auth-server's {@code auth.issuer}. */
    @WithDefault("http://localhost:8080")
    String issuer();
}
