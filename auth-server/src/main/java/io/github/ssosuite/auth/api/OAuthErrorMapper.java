package io.github.ssosuite.auth.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.github.ssosuite.auth.client.RegistrationRules;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * OAuth errors as JSON ({@code error}, {@code error_description}), never a stack trace; unexpected failures are a
 * 503 {@code temporarily_unavailable} (RFC 6749 §4.1.2.1), logged here.
 */
public class OAuthErrorMapper {

    private static final Logger LOG = Logger.getLogger(OAuthErrorMapper.class);

    @ServerExceptionMapper
    public Response oauth(OAuthError e) {
        Response.ResponseBuilder response = Response.status(e.status()).type(MediaType.APPLICATION_JSON)
                .header("Cache-Control", "no-store").entity(body(e.error(), e.getMessage()));
        if (e.status() == 401) {
            String scheme = e.error().equals("invalid_token") ? "Bearer" : "Basic realm=\"token\",";
            response.header("WWW-Authenticate", scheme + " error=\"" + e.error() + "\"");
        }
        return response.build();
    }

    @ServerExceptionMapper
    public Response registration(RegistrationRules.Refused e) {
        return Response.status(400).type(MediaType.APPLICATION_JSON).header("Cache-Control", "no-store")
                .entity(body(e.error(), e.getMessage())).build();
    }

    @ServerExceptionMapper
    public Response unreadable(JsonProcessingException e) {
        return oauth(OAuthError.invalidRequest("the body is not the JSON this endpoint takes"));
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            LOG.error("request failed", e);
            return oauth(new OAuthError(503, "temporarily_unavailable", "try again later"));
        }
        String description = switch (status) {
            case 404 -> "no such endpoint";
            case 405 -> "method not allowed";
            case 406 -> "no acceptable representation";
            case 415 -> "unsupported content type";
            default -> "the request is not valid";
        };
        return Response.fromResponse(oauth(new OAuthError(status, "invalid_request", description))).build();
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 100)
    public Response unexpected(Exception e) {
        LOG.error("request failed", e);
        return oauth(new OAuthError(503, "temporarily_unavailable", "try again later"));
    }

    static Map<String, String> body(String error, String description) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("error", error);
        if (description != null) {
            body.put("error_description", description);
        }
        return body;
    }
}
