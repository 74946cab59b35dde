package io.github.ssosuite.e2e;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 7: the Kubernetes overlays render, docker-compose accepts its file, and every environment variable the
 * manifests and the compose file give one of our services is a real configuration key of that service: a key of
 * its {@code application.properties} or of its {@code @ConfigMapping} (read from the compiled interface, map keys
 * included), in Quarkus's environment-variable form. A misspelt variable would otherwise be ignored silently.
 */
class DeploymentConfigTest {

    static final Path ROOT = Path.of(System.getProperty("suite.root", "..")).toAbsolutePath().normalize();

    /** The service (module) each deployable name runs. */
    static final Map<String, String> MODULES = Map.of("auth-server", "auth-server", "session-service", "session-service",
            "logout-dispatcher", "logout-dispatcher", "intranet", "demo-rp", "wiki", "demo-rp", "dashboard", "demo-rp");

    /** Each module's configuration mapping root. */
    static final Map<String, String[]> MAPPINGS = Map.of(
            "auth-server", new String[] {"io.github.ssosuite.auth.config.AuthServerConfig", "auth"},
            "session-service", new String[] {"io.github.ssosuite.session.config.SessionServiceConfig", "session"},
            "logout-dispatcher", new String[] {"io.github.ssosuite.dispatcher.config.DispatcherConfig", "dispatcher"},
            "demo-rp", new String[] {"io.github.ssosuite.demorp.DemoConfig", "demo"});

    @Test
    void everyVariableTheComposeFileSetsIsAConfigurationKeyOfItsService() throws Exception {
        Map<String, Object> compose = yaml(Files.readString(ROOT.resolve("docker-compose.yml"))).get(0);
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>) compose.get("services");
        int checked = 0;
        for (var service : services.entrySet()) {
            String module = MODULES.get(service.getKey());
            if (module == null) {
                continue; // Redis, Kafka, PostgreSQL: their own images' variables
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> env = (Map<String, Object>) service.getValue().get("environment");
            checked += assertKnown(module, env.keySet(), "docker-compose.yml " + service.getKey());
        }
        assertThat(checked).isGreaterThan(40);
        run("docker-compose", "-f", ROOT.resolve("docker-compose.yml").toString(), "config", "-q");
    }

    @Test
    void everyOverlayRendersAndSetsOnlyRealConfigurationKeys() throws Exception {
        for (String overlay : List.of("dev", "prod")) {
            String rendered = run("kubectl", "kustomize", ROOT.resolve("k8s/overlays/" + overlay).toString());
            int checked = 0;
            Set<String> kinds = new LinkedHashSet<>();
            for (Map<String, Object> doc : yaml(rendered)) {
                String kind = (String) doc.get("kind");
                kinds.add(kind);
                assertThat(doc.get("apiVersion")).as("apiVersion of a " + kind).isNotNull();
                @SuppressWarnings("unchecked")
                String name = (String) ((Map<String, Object>) doc.get("metadata")).get("name");
                String module = MODULES.get(name);
                if (module == null) {
                    continue;
                }
                if (kind.equals("ConfigMap") || kind.equals("Secret")) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> data = (Map<String, Object>) Optional.ofNullable(doc.get("data"))
                            .orElse(doc.get("stringData"));
                    checked += assertKnown(module, data.keySet(), overlay + " " + kind + " " + name);
                }
                if (kind.equals("Deployment")) {
                    checked += assertKnown(module, deploymentEnv(doc), overlay + " Deployment " + name);
                }
            }
            assertThat(kinds).as(overlay).contains("Deployment", "Service", "ConfigMap", "HorizontalPodAutoscaler",
                    "PodDisruptionBudget", "NetworkPolicy");
            assertThat(checked).as(overlay).isGreaterThan(15);
        }
    }

    /**
     * Every object both overlays render, and the KEDA example, is valid against the Kubernetes (and KEDA) schemas,
     * offline and strictly: unknown fields, wrong types, missing required fields and removed API versions fail
     * (k8s/validate, whose own tests prove each of those). Its packages come from the npm registry once.
     */
    @Test
    void everyRenderedObjectIsValidAgainstTheKubernetesSchemas() throws Exception {
        Path validator = ROOT.resolve("k8s/validate");
        if (!Files.isDirectory(validator.resolve("node_modules"))) {
            run(validator, "npm", "ci", "--no-audit", "--no-fund");
        }
        run(validator, "npm", "test");
        Path rendered = Files.createTempDirectory("k8s-rendered-");
        try {
            List<String> files = new ArrayList<>();
            for (String overlay : List.of("dev", "prod")) {
                Path file = rendered.resolve(overlay + ".yaml");
                Files.writeString(file, run("kubectl", "kustomize", ROOT.resolve("k8s/overlays/" + overlay).toString()));
                files.add(file.toString());
            }
            files.add(ROOT.resolve("k8s/examples/keda-scaledobject.yaml").toString());
            List<String> command = new ArrayList<>(List.of("node", "validate.mjs"));
            command.addAll(files);
            String report = run(validator, command.toArray(String[]::new));
            assertThat(report).contains("0 failed").doesNotContain("FAIL ");
            System.out.println(report.lines().filter(l -> l.startsWith("summary")).findFirst().orElse(report));
        } finally {
            try (var paths = Files.walk(rendered)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void theSecretTemplatesNameOnlyRealKeysAndHoldNoSecret() throws Exception {
        for (String module : List.of("auth-server", "logout-dispatcher")) {
            Map<String, Object> secret = yaml(Files.readString(ROOT.resolve("k8s/base/" + module + "/secret.example.yaml"))).get(0);
            @SuppressWarnings("unchecked")
            Map<String, Object> data = (Map<String, Object>) secret.get("stringData");
            assertKnown(module, data.keySet(), "secret template " + module);
            assertThat(data.values()).allSatisfy(v -> assertThat(String.valueOf(v)).startsWith("REPLACE"));
        }
    }

    @SuppressWarnings("unchecked")
    private static Set<String> deploymentEnv(Map<String, Object> deployment) {
        Set<String> names = new LinkedHashSet<>();
        Map<String, Object> spec = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) deployment
                .get("spec")).get("template")).get("spec");
        for (Map<String, Object> container : (List<Map<String, Object>>) spec.get("containers")) {
            for (Map<String, Object> env : (List<Map<String, Object>>) container.getOrDefault("env", List.of())) {
                names.add((String) env.get("name"));
            }
        }
        return names;
    }

    /** Asserts every name is a key of {@code module}; returns how many were checked. */
    private static int assertKnown(String module, Set<String> envNames, String where) throws Exception {
        List<Pattern> keys = configurationKeys(module);
        List<String> unknown = new ArrayList<>();
        for (String env : envNames) {
            if (keys.stream().noneMatch(p -> p.matcher(env).matches())) {
                unknown.add(env);
            }
        }
        assertThat(unknown).as("variables in %s that are no configuration key of %s", where, module).isEmpty();
        return envNames.size();
    }

    private static final Map<String, List<Pattern>> KEYS = new LinkedHashMap<>();

    /** The module's keys as environment-variable patterns. */
    static synchronized List<Pattern> configurationKeys(String module) throws Exception {
        if (KEYS.containsKey(module)) {
            return KEYS.get(module);
        }
        Set<String> properties = new LinkedHashSet<>();
        for (String line : Files.readAllLines(ROOT.resolve(module + "/src/main/resources/application.properties"))) {
            String trimmed = line.trim();
            if (trimmed.isEmpty() || trimmed.startsWith("#") || !trimmed.contains("=")) {
                continue;
            }
            String key = trimmed.substring(0, trimmed.indexOf('=')).trim();
            properties.add(key.startsWith("%") ? key.substring(key.indexOf('.') + 1) : key);
        }
        String[] mapping = MAPPINGS.get(module);
        try (URLClassLoader loader = new URLClassLoader(new URL[] {
                ROOT.resolve(module + "/target/classes/").toUri().toURL(),
                ROOT.resolve("contracts/target/classes/").toUri().toURL()}, DeploymentConfigTest.class.getClassLoader())) {
            walk(loader.loadClass(mapping[0]), mapping[1], properties);
        }
        List<Pattern> patterns = new ArrayList<>();
        for (String property : properties) {
            patterns.add(Pattern.compile(property.replace("\"", "").toUpperCase(java.util.Locale.ROOT)
                    .replaceAll("[^A-Z0-9*]", "_").replace("*", "[A-Z0-9_]+")));
        }
        assertThat(patterns).as("keys of " + module).hasSizeGreaterThan(5);
        KEYS.put(module, patterns);
        return patterns;
    }

    /** The properties of a @ConfigMapping interface: groups nested, Map keys as '*'. */
    static void walk(Class<?> type, String prefix, Set<String> out) {
        for (Method m : type.getDeclaredMethods()) {
            if (m.isDefault() || Modifier.isStatic(m.getModifiers()) || m.getParameterCount() > 0 || m.isSynthetic()) {
                continue;
            }
            String name = prefix + "." + m.getName().replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
            Class<?> raw = m.getReturnType();
            if (raw == Map.class) {
                Type value = ((ParameterizedType) m.getGenericReturnType()).getActualTypeArguments()[1];
                Class<?> valueClass = value instanceof Class<?> c ? c : Object.class;
                if (isGroup(valueClass)) {
                    walk(valueClass, name + ".*", out);
                } else {
                    out.add(name + ".*");
                }
            } else if (isGroup(raw)) {
                walk(raw, name, out);
            } else {
                out.add(name);
            }
        }
    }

    private static boolean isGroup(Class<?> c) {
        return c.isInterface() && c.getName().startsWith("io.github.ssosuite");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> yaml(String text) {
        List<Map<String, Object>> docs = new ArrayList<>();
        for (Object doc : new Yaml(new LoaderOptions()).loadAll(text)) {
            if (doc != null) {
                docs.add((Map<String, Object>) doc);
            }
        }
        return docs;
    }

    /**
     * Runs a tool; skipped without it unless {@code SUITE_DEPLOY_TOOLS_REQUIRED=true} (CI installs kubectl and
     * docker-compose and sets it).
     */
    private static String run(String... command) throws IOException, InterruptedException {
        return run(ROOT, command);
    }

    private static String run(Path directory, String... command) throws IOException, InterruptedException {
        RequiredTools.require("SUITE_DEPLOY_TOOLS_REQUIRED", "Debian: apt-get install kubectl docker-compose nodejs npm",
                List.of(RequiredTools.onPath(command[0])));
        Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(String.join(" ", command) + "\n" + output).isZero();
        return output;
    }
}
