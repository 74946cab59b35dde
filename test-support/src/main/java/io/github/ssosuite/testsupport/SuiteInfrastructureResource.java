package io.github.ssosuite.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * Points a {@code @QuarkusTest} at the test run's real Redis, Kafka and PostgreSQL
 * ({@link SuiteInfrastructure#shared()}). The servers outlive the Quarkus application: they are shared by
 * every test class of the JVM and stopped when it exits.
 */
public class SuiteInfrastructureResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return SuiteInfrastructure.shared().quarkusConfig();
    }

    @Override
    public void stop() {
        // shared across test classes; stopped by SuiteInfrastructure's shutdown hook
    }
}
