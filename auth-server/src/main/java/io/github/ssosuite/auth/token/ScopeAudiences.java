package io.github.ssosuite.auth.token;

import java.util.LinkedHashMap;
import java.util.Map;

/** Reads {@code auth.tokens.scope-audiences}: {@code scope=audience} pairs separated by commas. */
public final class ScopeAudiences {

    private ScopeAudiences() {
    }

    public static Map<String, String> parse(String pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String pair : pairs.split(",")) {
            String trimmed = pair.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            int eq = trimmed.indexOf('=');
            if (eq <= 0 || eq == trimmed.length() - 1) {
                throw new IllegalArgumentException("auth.tokens.scope-audiences: '" + trimmed + "' is not scope=audience");
            }
            map.put(trimmed.substring(0, eq).trim(), trimmed.substring(eq + 1).trim());
        }
        return map;
    }
}
