package io.github.ssosuite.contracts.keys;

import java.security.Provider;
import java.security.Security;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Signing is the floor of every flow (two signatures per token response, one per back-channel delivery). Amazon
 * Corretto Crypto Provider (ACCP) 2.5.0, an OpenSSL-backed JCA provider, measured on this project's 2-core machine
 * ({@code SignBench}, one thread, 2 s after warm-up): ES256 17,744 signatures/s against the JDK's 840 (21×), RS256
 * 541/s against the JDK's 651 (0.83×). So ACCP is placed just before the JDK's EC provider and after its RSA one:
 * ES256 (and AES-GCM, EC key handling) go to ACCP, RS256 stays with the JDK. When the jar is absent, or its native
 * library does not load or fails its self-tests, nothing changes. The services call this at start, behind their own
 * configuration switch.
 */
public final class NativeCrypto {

    private static final Logger LOG = Logger.getLogger(NativeCrypto.class.getName());
    private static final String ACCP = "com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider";

    private NativeCrypto() {
    }

    /** Installs ACCP ahead of the JDK's EC provider if present and healthy; the providers now used for RS256/ES256. */
    public static synchronized String install() {
        Optional<Provider> installed = Optional.ofNullable(Security.getProvider("AmazonCorrettoCryptoProvider"));
        if (installed.isEmpty()) {
            try {
                Class<?> type = Class.forName(ACCP);
                Provider accp = (Provider) type.getField("INSTANCE").get(null);
                Throwable error = (Throwable) type.getMethod("getLoadingError").invoke(accp);
                if (error != null) {
                    LOG.warning("ACCP is present but its native library did not load (" + error
                            + "): signing stays with the JDK's providers");
                } else {
                    type.getMethod("assertHealthy").invoke(accp);
                    Security.insertProviderAt(accp, position("SunEC"));
                }
            } catch (ClassNotFoundException absent) {
                // not on the classpath: the JDK's providers sign
            } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                LOG.warning("ACCP could not be installed (" + e + "): signing stays with the JDK's providers");
            }
        }
        return signers();
    }

    /** 1-based position of the named provider (ACCP goes there, pushing it back), or the end of the list. */
    private static int position(String name) {
        Provider[] providers = Security.getProviders();
        for (int i = 0; i < providers.length; i++) {
            if (providers[i].getName().equals(name)) {
                return i + 1;
            }
        }
        return providers.length + 1;
    }

    /** Which providers sign RS256 and ES256 now. */
    public static String signers() {
        return "RS256 by " + provider("SHA256withRSA") + ", ES256 by " + provider("SHA256withECDSA");
    }

    /** The most preferred provider offering {@code algorithm}: the one a plain getInstance signs with. */
    private static String provider(String algorithm) {
        Provider[] offering = Security.getProviders("Signature." + algorithm);
        return offering == null ? "none" : offering[0].getName();
    }
}
