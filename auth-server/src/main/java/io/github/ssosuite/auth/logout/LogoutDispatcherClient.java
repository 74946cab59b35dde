package io.github.ssosuite.auth.logout;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * logout-dispatcher's progress channel (its README): {@code GET /logouts/{event_id}?wait=} answers once every
 * back-channel delivery of that event had its first attempt, or when the wait runs out.
 */
@RegisterRestClient(configKey = "logout-dispatcher")
@Path("/")
public interface LogoutDispatcherClient {

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Progress(@JsonProperty("event_id") String eventId, @JsonProperty("received") boolean received,
            @JsonProperty("first_attempts_done") boolean firstAttemptsDone) {
    }

    @GET
    @Path("logouts/{eventId}")
    Uni<Progress> progress(@HeaderParam("Authorization") String authorization, @PathParam("eventId") String eventId,
            @QueryParam("wait") String wait);
}
