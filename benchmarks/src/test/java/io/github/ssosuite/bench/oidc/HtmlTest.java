package io.github.ssosuite.bench.oidc;

import org.junit.jupiter.api.Test;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;

/** The form reader on the shapes of the three providers' pages. */
class HtmlTest {

    @Test
    void ourLoginFormGivesItsHiddenFieldsAndARelativeAction() {
        String page = """
                <form method="post" action="/login">
                  <input type="hidden" name="id" value="abc">
                  <input type="hidden" name="csrf" value="t&amp;k">
                  <input id="username" name="username" type="text" value="" required autofocus>
                  <input id="password" name="password" type="password" required>
                  <button type="submit">Sign in</button>
                </form>""";
        var form = Html.postForm(page, URI.create("http://127.0.0.1:8080/login?id=abc")).orElseThrow();
        assertThat(form.action()).isEqualTo(URI.create("http://127.0.0.1:8080/login"));
        assertThat(form.hidden()).containsExactly(java.util.Map.entry("id", "abc"), java.util.Map.entry("csrf", "t&k"));
        assertThat(form.hasPassword()).isTrue();
    }

    @Test
    void keycloaksLoginFormHasAnAbsoluteEscapedActionAndAttributesInAnyOrder() {
        String page = """
                <form id="kc-form-login" onsubmit="login.disabled = true; return true;"
                      action="http://127.0.0.1:8180/realms/bench/login-actions/authenticate?session_code=X&amp;execution=Y&amp;client_id=rp1" method="post">
                  <input tabindex="2" id="username" class="pf-c-form-control" name="username" value="" type="text" autofocus>
                  <input tabindex="3" id="password" class="pf-c-form-control" name="password" type="password" autocomplete="current-password">
                  <input type="hidden" id="id-hidden-input" name="credentialId"/>
                  <input tabindex="4" class="btn" name="login" id="kc-login" type="submit" value="Sign In"/>
                </form>""";
        var form = Html.postForm(page, URI.create("http://127.0.0.1:8180/realms/bench/protocol/openid-connect/auth")).orElseThrow();
        assertThat(form.action().toString()).isEqualTo(
                "http://127.0.0.1:8180/realms/bench/login-actions/authenticate?session_code=X&execution=Y&client_id=rp1");
        assertThat(form.hidden()).containsEntry("credentialId", "").containsEntry("login", "Sign In");
        assertThat(form.visible()).containsKeys("username", "password");
    }

    @Test
    void aLogoutConfirmationSendsItsXsrfAndTheNamedButton() {
        String page = """
                <form id="op.logoutForm" method="post" action="http://127.0.0.1:9000/session/end/confirm">
                  <input type="hidden" name="xsrf" value="q1w2"/>
                  <button autofocus type="submit" value="yes" name="logout">Yes, sign me out</button>
                </form>""";
        var form = Html.postForm(page, URI.create("http://127.0.0.1:9000/session/end")).orElseThrow();
        assertThat(form.hidden()).containsEntry("xsrf", "q1w2").containsEntry("logout", "yes");
        assertThat(form.hasPassword()).isFalse();
    }

    @Test
    void aGetFormOrNoFormIsNoPostForm() {
        assertThat(Html.postForm("<form action=/search><input name=q></form>", URI.create("http://x/"))).isEmpty();
        assertThat(Html.postForm("<p>signed out</p>", URI.create("http://x/"))).isEmpty();
    }
}
