package io.github.ssosuite.auth.authorize;

import java.util.List;

/** What an authorization code stands for, until the token endpoint redeems it (once). */
public record CodeGrant(
        String clientId,
        String redirectUri,
        String sub,
        String sid,
        List<String> scopes,
        String nonce,
        long authTime,
        String acr,
        List<String> amr,
        String codeChallenge) {
}
