package io.github.ssosuite.auth.flow;

import io.restassured.response.Response;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** A browser for the tests: keeps cookies, does not follow redirects, fills in the login form. */
public class Browser {

    private final Map<String, String> cookies = new HashMap<>();

    public Response get(String url) {
        return remember(given().urlEncodingEnabled(false).redirects().follow(false).cookies(cookies).get(url));
    }

    public Response post(String url, Map<String, String> form) {
        return remember(given().redirects().follow(false).cookies(cookies).contentType("application/x-www-form-urlencoded")
                .formParams(form).post(url));
    }

    /** GET /authorize with {@code params}. */
    public Response authorize(Map<String, String> params) {
        return remember(given().redirects().follow(false).cookies(cookies).queryParams(params).get("/authorize"));
    }

    /** Follows a redirect to the login page and submits {@code username}/{@code password}. */
    public Response login(Response toLogin, String username, String password) {
        assertThat(toLogin.statusCode()).as("redirect to the login page").isEqualTo(303);
        String location = URI.create(toLogin.header("Location")).getRawPath() + "?" + URI.create(toLogin.header("Location")).getRawQuery();
        Response page = get(location);
        assertThat(page.statusCode()).isEqualTo(200);
        return post("/login", Map.of("id", hidden(page.asString(), "id"), "csrf", hidden(page.asString(), "csrf"),
                "username", username, "password", password));
    }

    /** The whole flow: authorize, log in if asked, answer consent if asked; the client's redirect. */
    public Map<String, String> codeFlow(Map<String, String> params, String username, String password) {
        Response response = authorize(params);
        if (response.statusCode() == 303 && response.header("Location").contains("/login?")) {
            response = login(response, username, password);
        }
        if (response.statusCode() == 303 && response.header("Location").contains("/login/consent")) {
            response = consent(response, "allow");
        }
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(302);
        return query(response.header("Location"));
    }

    public Response consent(Response toConsent, String decision) {
        Response page = get(toConsent.header("Location").replaceFirst("^https?://[^/]+", ""));
        assertThat(page.statusCode()).isEqualTo(200);
        return post("/login/consent", Map.of("id", hidden(page.asString(), "id"), "csrf", hidden(page.asString(), "csrf"),
                "decision", decision));
    }

    public String cookie(String name) {
        return cookies.get(name);
    }

    public void forget(String name) {
        cookies.remove(name);
    }

    public static Map<String, String> query(String location) {
        Map<String, String> params = new LinkedHashMap<>();
        String query = URI.create(location).getRawQuery();
        if (query != null) {
            for (String pair : query.split("&")) {
                String[] kv = pair.split("=", 2);
                params.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                        kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
            }
        }
        return params;
    }

    public static String hidden(String html, String name) {
        Matcher m = Pattern.compile("name=\"" + name + "\" value=\"([^\"]*)\"").matcher(html);
        assertThat(m.find()).as("hidden field " + name).isTrue();
        return m.group(1);
    }

    private Response remember(Response response) {
        response.getDetailedCookies().forEach(c -> {
            if (c.getMaxAge() == 0 || c.getValue().isEmpty()) {
                cookies.remove(c.getName());
            } else {
                cookies.put(c.getName(), c.getValue());
            }
        });
        return response;
    }
}
