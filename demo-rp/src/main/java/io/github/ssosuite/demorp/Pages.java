package io.github.ssosuite.demorp;

import java.util.List;

/** The server-rendered pages, as pure functions of what they show. Ids are for tests and scripts. */
final class Pages {

    static final String SESSION_PROBE_CONFIG_PLACEHOLDER = "__DEMO_RP_CONFIG__";

    private Pages() {
    }

    /** {@code GET /}: who is signed in, the ID token's {@code sid}, the sibling apps, and sign-out. */
    static String home(String appName, String user, String sid, List<String> siblings) {
        StringBuilder links = new StringBuilder();
        for (String sibling : siblings) {
            links.append("<li><a class=\"sibling\" href=\"").append(Html.escape(sibling)).append("\">")
                    .append(Html.escape(sibling)).append("</a></li>");
        }
        String body = "<h1><span id=\"app-name\">" + Html.escape(appName) + "</span>: signed in as <span id=\"user\">"
                + Html.escape(user) + "</span></h1>\n"
                + "<p>OP session (<code>sid</code> of the ID token): <code id=\"sid\">" + Html.escape(sid)
                + "</code></p>\n"
                + (links.isEmpty() ? "" : "<p>The other apps:</p>\n<ul id=\"siblings\">" + links + "</ul>\n")
                + "<p><a id=\"signout\" href=\"/logout\">Sign out</a></p>\n"
                + "<p><small><a href=\"/session-probe\">session probe</a> &middot; <a href=\"/demo/events\">events</a>"
                + "</small></p>\n";
        return page(appName, body);
    }

    /** {@code GET /signed-out}: where the OP sends the browser back after an RP-initiated logout. */
    static String signedOut(String appName) {
        return page(appName, "<h1 id=\"signed-out\">Signed out of <span id=\"app-name\">" + Html.escape(appName)
                + "</span></h1>\n<p><a id=\"signin\" href=\"/\">Sign in again</a></p>\n");
    }

    /** A short notice for the logout paths when this browser has no session of the app. */
    static String notice(String appName, String message) {
        return page(appName, "<h1><span id=\"app-name\">" + Html.escape(appName) + "</span></h1>\n<p id=\"notice\">"
                + Html.escape(message) + "</p>\n<p><a href=\"/\">Home</a></p>\n");
    }

    /** The session probe template with its configuration (a JSON object literal) filled in. */
    static String sessionProbe(String template, String appName, String clientId, String checkSessionIframe) {
        String config = "{\"name\":" + Html.jsString(appName) + ",\"clientId\":" + Html.jsString(clientId)
                + ",\"checkSessionIframe\":" + Html.jsString(checkSessionIframe) + "}";
        return template.replace(SESSION_PROBE_CONFIG_PLACEHOLDER, config);
    }

    private static String page(String appName, String body) {
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>"
                + Html.escape(appName) + "</title>\n"
                + "<style>body{font-family:system-ui,sans-serif;margin:2rem auto;max-width:42rem}</style>\n"
                + "</head>\n<body>\n" + body + "</body>\n</html>\n";
    }
}
