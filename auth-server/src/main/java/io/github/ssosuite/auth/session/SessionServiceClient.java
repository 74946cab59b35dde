package io.github.ssosuite.auth.session;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import java.util.List;

/** session-service's REST API, as auth-server uses it (session-service README). */
@RegisterRestClient(configKey = "session-service")
@Path("/")
public interface SessionServiceClient {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Create(@JsonProperty("sub") String sub, @JsonProperty("auth_time") long authTime,
            @JsonProperty("amr") List<String> amr, @JsonProperty("acr") String acr,
            @JsonProperty("user_agent") String userAgent, @JsonProperty("ip") String ip,
            @JsonProperty("client_id") String clientId) {
    }

    record Join(@JsonProperty("client_id") String clientId) {
    }

    record Reauthentication(@JsonProperty("auth_time") long authTime, @JsonProperty("amr") List<String> amr,
            @JsonProperty("acr") String acr) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Client(@JsonProperty("client_id") String clientId, @JsonProperty("joined_at") String joinedAt) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Session(@JsonProperty("sid") String sid, @JsonProperty("sub") String sub,
            @JsonProperty("auth_time") long authTime, @JsonProperty("amr") List<String> amr,
            @JsonProperty("acr") String acr, @JsonProperty("browser_state") String browserState,
            @JsonProperty("clients") List<Client> clients, @JsonProperty("created_at") String createdAt,
            @JsonProperty("last_seen_at") String lastSeenAt, @JsonProperty("user_agent") String userAgent,
            @JsonProperty("ip") String ip) {

        public List<String> clientIds() {
            return clients == null ? List.of() : clients.stream().map(Client::clientId).toList();
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Ended(@JsonProperty("sessions_ended") int sessionsEnded, @JsonProperty("event_ids") List<String> eventIds) {
    }

    @POST
    @Path("sessions")
    Uni<Session> create(@HeaderParam("Authorization") String authorization, Create body);

    @GET
    @Path("sessions/{sid}")
    Uni<Session> get(@HeaderParam("Authorization") String authorization, @PathParam("sid") String sid);

    @POST
    @Path("sessions/{sid}/clients")
    Uni<Session> join(@HeaderParam("Authorization") String authorization, @PathParam("sid") String sid, Join body);

    @POST
    @Path("sessions/{sid}/authentication")
    Uni<Session> reauthenticate(@HeaderParam("Authorization") String authorization, @PathParam("sid") String sid,
            Reauthentication body);

    @GET
    @Path("users/{sub}/sessions")
    Uni<List<Session>> ofUser(@HeaderParam("Authorization") String authorization, @PathParam("sub") String sub);

    @DELETE
    @Path("users/{sub}/sessions")
    Uni<Ended> endAllOfUser(@HeaderParam("Authorization") String authorization, @PathParam("sub") String sub,
            @QueryParam("reason") String reason);

    @DELETE
    @Path("sessions/{sid}")
    Uni<Ended> end(@HeaderParam("Authorization") String authorization, @PathParam("sid") String sid,
            @QueryParam("reason") String reason);
}
