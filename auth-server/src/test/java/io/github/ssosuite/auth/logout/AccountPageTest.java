package io.github.ssosuite.auth.logout;

import io.github.ssosuite.auth.flow.Browser;
import io.github.ssosuite.testsupport.SessionServiceResource;
import io.github.ssosuite.testsupport.SuiteInfrastructureResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.github.ssosuite.auth.flow.FlowSupport.DEMO_PASSWORD;
import static io.github.ssosuite.auth.flow.FlowSupport.DEMO_USER;
import static io.github.ssosuite.auth.flow.FlowSupport.request;
import static io.github.ssosuite.auth.flow.FlowSupport.loggedIn;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * "Sign out everywhere" for users (issue 6): the account page behind login lists the user's sessions and ends one or
 * all of them, on the real session-service.
 */
@QuarkusTest
@QuarkusTestResource(SuiteInfrastructureResource.class)
@QuarkusTestResource(SessionServiceResource.class)
class AccountPageTest {


    /** GET /account; signs in through the OP's own login form when asked. */
    private static Response account(Browser browser) {
        Response page = browser.get("/account");
        if (page.statusCode() == 303) {
            String authorize = page.header("Location");
            Response toLogin = browser.get(authorize);
            Response callback = browser.login(toLogin, DEMO_USER, DEMO_PASSWORD);
            assertThat(callback.statusCode()).isEqualTo(302);
            assertThat(callback.header("Location")).contains("/account/callback?code=");
            browser.get(callback.header("Location").replaceFirst("^https?://[^/]+", ""));
            page = browser.get("/account");
        }
        assertThat(page.statusCode()).as(page.asString()).isEqualTo(200);
        return page;
    }

    private static String sidOfRow(String html, boolean current) {
        Matcher m = Pattern.compile("<tr class=\"session( current)?\" data-sid=\"([^\"]+)\"").matcher(html);
        while (m.find()) {
            if ((m.group(1) != null) == current) {
                return m.group(2);
            }
        }
        throw new AssertionError("no " + (current ? "current" : "other") + " session row in " + html);
    }

    @Test
    void theAccountPageNeedsASignInAndListsEverySessionWithItsApplications() {
        Browser laptop = new Browser();
        laptop.codeFlow(request("rp-one"), DEMO_USER, DEMO_PASSWORD);
        Browser phone = new Browser();
        phone.codeFlow(request("rp-two"), DEMO_USER, DEMO_PASSWORD);

        Response page = account(laptop);
        String html = page.asString();
        assertThat(html).contains("Signed in as demo");
        assertThat(page.header("X-Frame-Options")).isEqualTo("DENY");
        assertThat(html).contains("(this device)");
        assertThat(html.split("<tr class=\"session").length - 1).isGreaterThanOrEqualTo(2);
        assertThat(html).contains("rp-one").contains("rp-two");
    }

    @Test
    void aUserEndsAnotherDeviceSessionAndOnlyThatOne() {
        Browser laptop = new Browser();
        laptop.codeFlow(request("rp-one"), DEMO_USER, DEMO_PASSWORD);
        Browser phone = new Browser();
        phone.codeFlow(request("rp-two"), DEMO_USER, DEMO_PASSWORD);
        String phoneSid = sidOfRow(account(phone).asString(), true);

        Response page = account(laptop);
        Response ended = laptop.post("/account/sessions/end", Map.of("csrf", Browser.hidden(page.asString(), "csrf"),
                "sid", phoneSid));
        assertThat(ended.statusCode()).isEqualTo(303);
        assertThat(loggedIn(phone)).as("the phone is signed out").isFalse();
        assertThat(loggedIn(laptop)).as("this device is not").isTrue();
        assertThat(account(laptop).asString()).doesNotContain(phoneSid);
    }

    @Test
    void signOutEverywhereEndsEverySessionOfTheUser() {
        Browser laptop = new Browser();
        laptop.codeFlow(request("rp-one"), DEMO_USER, DEMO_PASSWORD);
        Browser phone = new Browser();
        phone.codeFlow(request("rp-two"), DEMO_USER, DEMO_PASSWORD);

        Response page = account(laptop);
        Response done = laptop.post("/account/sessions/end-all", Map.of("csrf", Browser.hidden(page.asString(), "csrf")));
        assertThat(done.statusCode()).isEqualTo(200);
        assertThat(done.asString()).contains("You are signed out").contains("data-src=\"https://rp-one.example/fc-logout");
        assertThat(loggedIn(laptop)).isFalse();
        assertThat(loggedIn(phone)).isFalse();
    }

    @Test
    void formsNeedTheirCsrfTokenAndOnlyTheUsersOwnSessionsCanBeEnded() {
        Browser attacker = new Browser();
        attacker.codeFlow(request("rp-one"), DEMO_USER, DEMO_PASSWORD);
        Browser victim = new Browser();
        victim.codeFlow(request("rp-one"), DEMO_USER, DEMO_PASSWORD);
        Response page = account(victim);
        String victimSid = sidOfRow(page.asString(), true);

        assertThat(victim.post("/account/sessions/end-all", Map.of()).statusCode()).isEqualTo(403);
        assertThat(victim.post("/account/sessions/end", Map.of("sid", victimSid, "csrf", "x".repeat(43))).statusCode())
                .isEqualTo(403);
        assertThat(victim.get("/account/sessions/end-all").statusCode()).isEqualTo(405);
        Response notYours = victim.post("/account/sessions/end", Map.of("csrf", Browser.hidden(page.asString(), "csrf"),
                "sid", "not-a-session-of-this-user"));
        assertThat(notYours.statusCode()).isEqualTo(400);
        assertThat(loggedIn(victim)).isTrue();

        Response anonymous = new Browser().get("/account");
        assertThat(anonymous.statusCode()).isEqualTo(303);
        assertThat(anonymous.header("Location")).contains("/authorize?").contains("client_id=account");
    }
}
