package io.github.ssosuite.auth.api;

import io.github.ssosuite.auth.authorize.AuthorizationFlow;
import io.github.ssosuite.auth.session.OpSessionCookie;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/** The authorization endpoint, GET and POST (Core §3.1.2.1). */
@Path("/authorize")
public class AuthorizeResource {

    private final AuthorizationFlow flow;

    public AuthorizeResource(AuthorizationFlow flow) {
        this.flow = flow;
    }

    @GET
    public Uni<Response> get(@Context UriInfo uri, @CookieParam(OpSessionCookie.NAME) String session) {
        return flow.authorize(uri.getQueryParameters(), session);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> post(MultivaluedMap<String, String> form, @CookieParam(OpSessionCookie.NAME) String session) {
        return flow.authorize(form, session);
    }
}
