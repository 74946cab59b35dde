package io.github.ssosuite.demorp;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.List;

/** {@code GET /demo/events}: the in-memory audit, oldest first (public, for tests and demos). */
@Path("/demo/events")
public class DemoEvents {

    private final LogoutAudit audit;

    public DemoEvents(LogoutAudit audit) {
        this.audit = audit;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public List<AuditEntry> events() {
        return audit.entries();
    }
}
