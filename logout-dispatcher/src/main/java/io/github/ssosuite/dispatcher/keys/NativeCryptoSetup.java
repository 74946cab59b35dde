package io.github.ssosuite.dispatcher.keys;

import io.github.ssosuite.dispatcher.config.DispatcherConfig;
import io.github.ssosuite.contracts.keys.NativeCrypto;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import org.jboss.logging.Logger;

/** Puts the OpenSSL-backed provider first before the first logout token is signed ({@code dispatcher.keys.native-crypto}). */
@ApplicationScoped
public class NativeCryptoSetup {

    private static final Logger LOG = Logger.getLogger(NativeCryptoSetup.class);

    void onStart(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event, DispatcherConfig config) {
        LOG.infof("signatures: %s", config.keys().nativeCrypto() ? NativeCrypto.install() : NativeCrypto.signers());
    }
}
