package io.github.ssosuite.auth.oidc;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.util.List;
import java.util.Set;

/** A validated authentication request (Core §3.1.2.1), kept while the user logs in. */
public record AuthorizationRequest(
        String clientId,
        String redirectUri,
        List<String> scopes,
        String state,
        String nonce,
        Set<String> prompts,
        Integer maxAge,
        String idTokenHint,
        String loginHint,
        List<String> acrValues,
        String uiLocales,
        String responseMode,
        String codeChallenge) {

    @JsonIgnore
    public boolean promptNone() {
        return prompts.contains("none");
    }

    @JsonIgnore
    public boolean formPost() {
        return "form_post".equals(responseMode);
    }
}
