package io.github.ssosuite.bench.oidc;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The RP side of the flows the benchmarks measure, the same requests against every provider: authorization code
 * with PKCE (S256), {@code client_secret_basic}, password login through the provider's own form, silent SSO with
 * {@code prompt=none}, refresh grants, and RP-initiated logout with {@code id_token_hint}. Endpoints come from the
 * provider's discovery document. Anything unexpected throws, so a broken flow is counted as an error, never as a
 * fast success.
 */
public final class Oidc {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern STRING_MEMBER = Pattern.compile("\"([a-z_]+)\"\\s*:\\s*\"([^\"]*)\"");

    /** A registered RP. */
    public record Client(String id, String secret, URI redirectUri, URI postLogoutRedirectUri) {

        String basic() {
            return "Basic " + Base64.getEncoder().encodeToString(
                    (enc(id) + ":" + enc(secret)).getBytes(StandardCharsets.UTF_8));
        }
    }

    /** What a token response gave. */
    public record Tokens(String idToken, String accessToken, String refreshToken) {

        /** A claim of the ID token (string claims only). */
        public String idClaim(String name) {
            return members(new String(Base64.getUrlDecoder().decode(idToken.split("\\.")[1]), StandardCharsets.UTF_8))
                    .get(name);
        }
    }

    private final URI authorization;
    private final URI token;
    private final URI endSession;
    private final String scope;

    public Oidc(URI issuer, String scope) throws Exception {
        String base = issuer.toString().endsWith("/") ? issuer.toString() : issuer + "/";
        HttpResponse<String> discovery = Browser.HTTP.send(HttpRequest.newBuilder(
                URI.create(base + ".well-known/openid-configuration")).build(), HttpResponse.BodyHandlers.ofString());
        if (discovery.statusCode() != 200) {
            throw new IllegalStateException("discovery of " + issuer + ": " + discovery.statusCode());
        }
        Map<String, String> metadata = members(discovery.body());
        this.authorization = URI.create(metadata.get("authorization_endpoint"));
        this.token = URI.create(metadata.get("token_endpoint"));
        this.endSession = URI.create(metadata.get("end_session_endpoint"));
        this.scope = scope;
    }

    /** A full login: authorize, the provider's login form, code, token. */
    public Tokens passwordLogin(Browser browser, Client client, String username, String password) throws Exception {
        String verifier = verifier();
        URI callback = authorize(browser, client, verifier, null, username, password);
        return exchange(client, callback, verifier);
    }

    /** Silent SSO: {@code prompt=none} with the browser's live session at the provider; no form may appear. */
    public Tokens silent(Browser browser, Client client) throws Exception {
        String verifier = verifier();
        URI callback = authorize(browser, client, verifier, "none", null, null);
        return exchange(client, callback, verifier);
    }

    public Tokens refresh(Client client, String refreshToken) throws Exception {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "refresh_token");
        form.put("refresh_token", refreshToken);
        return tokens(Browser.postBackChannel(token, form, client.basic()), refreshToken);
    }

    /**
     * RP-initiated logout with the ID token as hint: follows the provider's redirects and submits a confirmation
     * form if it shows one, until the browser is sent to the post-logout redirect URI (or a final page).
     */
    public void logout(Browser browser, Client client, String idToken) throws Exception {
        URI uri = URI.create(endSession + (endSession.getRawQuery() == null ? "?" : "&")
                + "id_token_hint=" + enc(idToken) + "&client_id=" + enc(client.id())
                + "&post_logout_redirect_uri=" + enc(client.postLogoutRedirectUri().toString()) + "&state=" + random(8));
        HttpResponse<String> response = browser.get(uri);
        for (int step = 0; step < 10; step++) {
            int status = response.statusCode();
            if (status >= 300 && status < 400) {
                URI next = uri.resolve(Browser.locations(response).get(0));
                if (next.toString().startsWith(client.postLogoutRedirectUri().toString())) {
                    return;
                }
                uri = next;
                response = browser.get(uri);
            } else if (status == 200) {
                var form = Html.postForm(response.body(), uri);
                if (form.isEmpty()) {
                    return; // a final "signed out" page
                }
                uri = form.get().action();
                response = browser.post(uri, form.get().hidden(), null);
            } else {
                throw new IllegalStateException("logout: " + status + " at " + uri + ": " + snippet(response.body()));
            }
        }
        throw new IllegalStateException("logout: too many steps");
    }

    /** Authorize until the provider redirects to the RP's redirect URI with a code. */
    private URI authorize(Browser browser, Client client, String verifier, String prompt, String username,
            String password) throws Exception {
        String state = random(12);
        URI uri = URI.create(authorization + "?response_type=code&client_id=" + enc(client.id())
                + "&redirect_uri=" + enc(client.redirectUri().toString()) + "&scope=" + enc(scope)
                + "&state=" + state + "&nonce=" + random(12)
                + "&code_challenge=" + challenge(verifier) + "&code_challenge_method=S256"
                + (prompt == null ? "" : "&prompt=" + prompt));
        HttpResponse<String> response = browser.get(uri);
        boolean submittedPassword = false;
        for (int step = 0; step < 12; step++) {
            int status = response.statusCode();
            if (status >= 300 && status < 400) {
                URI next = uri.resolve(Browser.locations(response).get(0));
                if (next.toString().startsWith(client.redirectUri().toString())) {
                    Map<String, String> params = Browser.query(next);
                    if (params.containsKey("error") || !state.equals(params.get("state"))) {
                        throw new IllegalStateException("authorize: " + params);
                    }
                    return next;
                }
                uri = next;
                response = browser.get(uri);
            } else if (status == 200 && prompt == null) {
                URI page = uri;
                var form = Html.postForm(response.body(), page)
                        .orElseThrow(() -> new IllegalStateException("authorize: a page without a form at " + page));
                Map<String, String> fields = new LinkedHashMap<>(form.hidden());
                if (form.hasPassword()) {
                    if (submittedPassword) {
                        throw new IllegalStateException("authorize: the login form came back (wrong password?)");
                    }
                    fields.put(form.visible().containsKey("username") ? "username" : form.visible().keySet().iterator().next(),
                            username);
                    fields.put("password", password);
                    submittedPassword = true;
                }
                uri = form.action();
                response = browser.post(uri, fields, null);
            } else {
                throw new IllegalStateException("authorize: " + status + " at " + uri + ": " + snippet(response.body()));
            }
        }
        throw new IllegalStateException("authorize: too many steps");
    }

    private Tokens exchange(Client client, URI callback, String verifier) throws Exception {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("code", Browser.query(callback).get("code"));
        form.put("redirect_uri", client.redirectUri().toString());
        form.put("code_verifier", verifier);
        return tokens(Browser.postBackChannel(token, form, client.basic()), null);
    }

    private static Tokens tokens(HttpResponse<String> response, String previousRefresh) {
        if (response.statusCode() != 200) {
            throw new IllegalStateException("token: " + response.statusCode() + ": " + snippet(response.body()));
        }
        Map<String, String> body = members(response.body());
        if (body.get("access_token") == null) {
            throw new IllegalStateException("token: no access_token");
        }
        return new Tokens(body.get("id_token"), body.get("access_token"),
                body.getOrDefault("refresh_token", previousRefresh));
    }

    /** The string members of a flat JSON object (first occurrence wins), {@code \/} unescaped. */
    public static Map<String, String> members(String json) {
        Map<String, String> values = new LinkedHashMap<>();
        Matcher m = STRING_MEMBER.matcher(json);
        while (m.find()) {
            values.putIfAbsent(m.group(1), m.group(2).replace("\\/", "/"));
        }
        return values;
    }

    private static String verifier() {
        return random(32);
    }

    private static String challenge(String verifier) throws Exception {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
    }

    static String random(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    static String enc(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String snippet(String body) {
        String flat = body == null ? "" : body.replaceAll("\\s+", " ");
        return flat.length() > 300 ? flat.substring(0, 300) + "…" : flat;
    }
}
