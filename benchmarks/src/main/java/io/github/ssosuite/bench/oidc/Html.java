package io.github.ssosuite.bench.oidc;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Just enough HTML for a benchmark driver: the first POST form of a page, its action and its fields (hidden inputs
 * with their values, other inputs by name). Login pages, consent pages and logout confirmations of the three
 * providers are plain server-rendered forms.
 */
public final class Html {

    private static final Pattern FORM = Pattern.compile("<form\\b([^>]*)>(.*?)</form>", Pattern.DOTALL | Pattern.CASE_INSENSITIVE);
    private static final Pattern INPUT = Pattern.compile("<(?:input|button)\\b([^>]*)>", Pattern.CASE_INSENSITIVE);
    private static final Pattern ATTR = Pattern.compile("([a-zA-Z_:-]+)\\s*=\\s*(\"([^\"]*)\"|'([^']*)')");

    /** A form: where it posts, and its fields in page order. */
    public record Form(URI action, Map<String, String> hidden, Map<String, String> visible) {

        public boolean hasPassword() {
            return visible.containsKey("password");
        }
    }

    private Html() {
    }

    /** The first {@code method="post"} form of {@code page}, its action resolved against {@code base}. */
    public static Optional<Form> postForm(String page, URI base) {
        Matcher forms = FORM.matcher(page);
        while (forms.find()) {
            Map<String, String> formAttrs = attributes(forms.group(1));
            if (!"post".equalsIgnoreCase(formAttrs.getOrDefault("method", "get"))) {
                continue;
            }
            Map<String, String> hidden = new LinkedHashMap<>();
            Map<String, String> visible = new LinkedHashMap<>();
            Matcher inputs = INPUT.matcher(forms.group(2));
            while (inputs.find()) {
                Map<String, String> a = attributes(inputs.group(1));
                String name = a.get("name");
                if (name == null) {
                    continue;
                }
                String type = a.getOrDefault("type", "text").toLowerCase();
                if (type.equals("hidden")) {
                    hidden.put(name, a.getOrDefault("value", ""));
                } else if (!type.equals("submit") && !type.equals("button") && !type.equals("checkbox")) {
                    visible.put(name, a.getOrDefault("value", ""));
                } else if (a.containsKey("value") && !hidden.containsKey(name) && !visible.containsKey(name)) {
                    // a named submit button (logout=yes, approve) is sent as the button pressed
                    hidden.put(name, a.get("value"));
                }
            }
            String action = formAttrs.getOrDefault("action", "");
            return Optional.of(new Form(action.isEmpty() ? base : base.resolve(action), hidden, visible));
        }
        return Optional.empty();
    }

    private static Map<String, String> attributes(String tag) {
        Map<String, String> attrs = new LinkedHashMap<>();
        Matcher m = ATTR.matcher(tag);
        while (m.find()) {
            attrs.put(m.group(1).toLowerCase(), unescape(m.group(3) != null ? m.group(3) : m.group(4)));
        }
        return attrs;
    }

    static String unescape(String s) {
        return s.replace("&amp;", "&").replace("&quot;", "\"").replace("&#39;", "'").replace("&#x27;", "'")
                .replace("&lt;", "<").replace("&gt;", ">").replace("&#x2F;", "/").replace("&#47;", "/")
                .replace("&#x3D;", "=").replace("&#61;", "=");
    }
}
