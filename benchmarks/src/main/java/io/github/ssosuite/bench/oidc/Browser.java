package io.github.ssosuite.bench.oidc;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;

/**
 * One user agent: its own cookies (by name and path, on loopback hosts only, so {@code Secure} and domain rules
 * are not applied, as a browser treats http://localhost), and one HTTP client shared by all browsers (connection
 * reuse like a real browser's keep-alive). Redirects are never followed automatically: the flows follow them and
 * stop at the RP's redirect URI, which no browser would load here.
 */
public final class Browser {

    /** The harness's single HTTP client (HTTP/1.1 keep-alive, a thread pool for the answers). */
    static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10))
            .executor(Executors.newFixedThreadPool(8, r -> {
                Thread t = new Thread(r, "bench-http");
                t.setDaemon(true);
                return t;
            }))
            .build();

    private record Cookie(String value, String path) {
    }

    /** name + path → cookie. */
    private final Map<String, Cookie> cookies = new ConcurrentHashMap<>();

    public HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri).GET(), uri);
    }

    public HttpResponse<String> post(URI uri, Map<String, String> form, String authorization)
            throws IOException, InterruptedException {
        return send(formPost(uri, form, authorization), uri);
    }

    private static HttpRequest.Builder formPost(URI uri, Map<String, String> form, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(encode(form)));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return request;
    }

    private HttpResponse<String> send(HttpRequest.Builder request, URI uri) throws IOException, InterruptedException {
        String cookieHeader = cookieHeader(uri);
        if (!cookieHeader.isEmpty()) {
            request.header("Cookie", cookieHeader);
        }
        request.timeout(Duration.ofSeconds(30));
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        for (String setCookie : response.headers().allValues("set-cookie")) {
            store(setCookie, uri);
        }
        return response;
    }

    private String cookieHeader(URI uri) {
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        StringJoiner header = new StringJoiner("; ");
        Map<String, Cookie> best = new LinkedHashMap<>();
        cookies.forEach((key, cookie) -> {
            if (path.startsWith(cookie.path())) {
                String name = key.substring(0, key.indexOf('\n'));
                Cookie other = best.get(name);
                if (other == null || cookie.path().length() > other.path().length()) {
                    best.put(name, cookie); // the most specific path wins, as RFC 6265 orders them
                }
            }
        });
        best.forEach((name, cookie) -> header.add(name + "=" + cookie.value()));
        return header.toString();
    }

    private void store(String setCookie, URI uri) {
        String[] parts = setCookie.split(";");
        int eq = parts[0].indexOf('=');
        if (eq <= 0) {
            return;
        }
        String name = parts[0].substring(0, eq).trim();
        String value = parts[0].substring(eq + 1).trim();
        String path = "/";
        boolean expired = value.isEmpty();
        for (int i = 1; i < parts.length; i++) {
            String attr = parts[i].trim();
            String lower = attr.toLowerCase();
            if (lower.startsWith("path=")) {
                path = attr.substring(5);
            } else if (lower.startsWith("max-age=")) {
                expired |= attr.substring(8).trim().startsWith("-") || attr.substring(8).trim().equals("0");
            } else if (lower.startsWith("expires=")) {
                try {
                    expired |= java.time.ZonedDateTime.parse(attr.substring(8).trim(),
                            java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME).toInstant()
                            .isBefore(java.time.Instant.now());
                } catch (RuntimeException ignored) {
                    // an unparseable date: keep the cookie
                }
            }
        }
        String key = name + "\n" + path;
        if (expired) {
            cookies.remove(key);
        } else {
            cookies.put(key, new Cookie(value, path));
        }
    }

    public static String encode(Map<String, String> form) {
        StringJoiner body = new StringJoiner("&");
        form.forEach((k, v) -> body.add(URLEncoder.encode(k, StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return body.toString();
    }

    /** The query parameters of a URI (decoded). */
    public static Map<String, String> query(URI uri) {
        Map<String, String> params = new LinkedHashMap<>();
        String raw = uri.getRawQuery();
        if (raw == null) {
            return params;
        }
        for (String pair : raw.split("&")) {
            String[] kv = pair.split("=", 2);
            params.put(java.net.URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                    kv.length < 2 ? "" : java.net.URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        return params;
    }

    /** A cookieless form POST (the back channel: token endpoint). */
    public static HttpResponse<String> postBackChannel(URI uri, Map<String, String> form, String authorization)
            throws IOException, InterruptedException {
        return HTTP.send(formPost(uri, form, authorization).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static List<String> locations(HttpResponse<String> response) {
        return response.headers().allValues("location");
    }
}
