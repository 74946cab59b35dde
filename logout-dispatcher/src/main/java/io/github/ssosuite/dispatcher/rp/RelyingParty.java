package io.github.ssosuite.dispatcher.rp;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A client's back-channel logout metadata, read (never written) from auth-server's {@code auth.clients}
 * (BCL §2.2: {@code backchannel_logout_uri}, {@code backchannel_logout_session_required}).
 */
@Entity
@Table(name = "clients", schema = "auth")
public class RelyingParty {

    @Id
    @Column(name = "client_id")
    public String clientId;

    @Column(name = "backchannel_logout_uri")
    public String backchannelLogoutUri;

    @Column(name = "backchannel_logout_session_required")
    public boolean backchannelLogoutSessionRequired;
}
