package io.github.ssosuite.auth.keys;

import io.github.ssosuite.auth.config.AuthServerConfig;
import io.github.ssosuite.contracts.keys.NativeCrypto;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import org.jboss.logging.Logger;

/** Puts the OpenSSL-backed provider first before any key is made or used ({@code auth.keys.native-crypto}). */
@ApplicationScoped
public class NativeCryptoSetup {

    private static final Logger LOG = Logger.getLogger(NativeCryptoSetup.class);

    void onStart(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event, AuthServerConfig config) {
        LOG.infof("signatures: %s", config.keys().nativeCrypto() ? NativeCrypto.install() : NativeCrypto.signers());
    }
}
