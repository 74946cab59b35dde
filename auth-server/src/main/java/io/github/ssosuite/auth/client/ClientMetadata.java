package io.github.ssosuite.auth.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * Client metadata as registered and echoed (RFC 7591 §2; RPIL §3.1 {@code post_logout_redirect_uris}; BCL §2.2;
 * FCL §2). Unknown members are ignored, as RFC 7591 §2 asks.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ClientMetadata(
        @JsonProperty("client_name") String clientName,
        @JsonProperty("redirect_uris") List<String> redirectUris,
        @JsonProperty("post_logout_redirect_uris") List<String> postLogoutRedirectUris,
        @JsonProperty("grant_types") List<String> grantTypes,
        @JsonProperty("response_types") List<String> responseTypes,
        @JsonProperty("token_endpoint_auth_method") String tokenEndpointAuthMethod,
        @JsonProperty("scope") String scope,
        @JsonProperty("backchannel_logout_uri") String backchannelLogoutUri,
        @JsonProperty("backchannel_logout_session_required") Boolean backchannelLogoutSessionRequired,
        @JsonProperty("frontchannel_logout_uri") String frontchannelLogoutUri,
        @JsonProperty("frontchannel_logout_session_required") Boolean frontchannelLogoutSessionRequired) {

    /**
     * The metadata with RFC 7591's defaults filled in (§2: grant_types authorization_code, client_secret_basic);
     * response_types defaults to what the grant types need (§2.1: the two must agree).
     */
    public ClientMetadata withDefaults() {
        List<String> grants = grantTypes == null || grantTypes.isEmpty() ? List.of("authorization_code") : grantTypes;
        return new ClientMetadata(clientName,
                redirectUris == null ? List.of() : redirectUris,
                postLogoutRedirectUris == null ? List.of() : postLogoutRedirectUris,
                grants,
                responseTypes != null ? responseTypes
                        : grants.contains("authorization_code") ? List.of("code") : List.of(),
                tokenEndpointAuthMethod == null ? "client_secret_basic" : tokenEndpointAuthMethod,
                scope == null || scope.isBlank() ? "openid" : scope,
                backchannelLogoutUri,
                backchannelLogoutSessionRequired != null && backchannelLogoutSessionRequired,
                frontchannelLogoutUri,
                frontchannelLogoutSessionRequired != null && frontchannelLogoutSessionRequired);
    }

    public boolean isPublic() {
        return "none".equals(tokenEndpointAuthMethod);
    }
}
