package io.github.ssosuite.contracts.keys;

import java.security.Provider;
import java.security.Security;
import java.util.logging.Logger;

/**
 * Signing is the floor of every flow (two signatures per token response, one per back-channel delivery). Amazon
 * Corretto Crypto Provider (ACCP) 2.5.0, an OpenSSL-backed JCA provider, measured on this project's 2-core machine
 * (one thread, 2 s after 1 s of warm-up, 2048-bit RSA): RS256 1,009-1,238 signatures/s against the JDK's 544-570
 * (2.2×), ES256 35,497-43,569 against 984-1,034 (40×) - <em>with keys made by ACCP's own KeyFactory</em>. Handed a
 * JDK key object, ACCP converts it on every signature and RS256 falls to 499-684/s (no gain; what this class
 * measured first, when ACCP came after the JDK's RSA provider). So ACCP goes first in the provider list, as its
 * authors advise: {@link SigningKeys} then makes ACCP keys and every signature stays native. When the jar is absent,
 * or its native library does not load or fails its self-tests, nothing changes. The services call this at start,
 * behind their own configuration switch.
 */
public final class NativeCrypto {

    private static final Logger LOG = Logger.getLogger(NativeCrypto.class.getName());
    private static final String ACCP = "com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider";

    private NativeCrypto() {
    }

    /** Installs ACCP as the most preferred provider if present and healthy; the providers now used for RS256/ES256. */
    public static synchronized String install() {
        if (Security.getProvider("AmazonCorrettoCryptoProvider") == null) {
            try {
                Class<?> type = Class.forName(ACCP);
                Provider accp = (Provider) type.getField("INSTANCE").get(null);
                Throwable error = (Throwable) type.getMethod("getLoadingError").invoke(accp);
                if (error != null) {
                    LOG.warning("ACCP is present but its native library did not load (" + error
                            + "): signing stays with the JDK's providers");
                } else {
                    type.getMethod("assertHealthy").invoke(accp);
                    Security.insertProviderAt(accp, 1);
                }
            } catch (ClassNotFoundException absent) {
                // not on the classpath: the JDK's providers sign
            } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                LOG.warning("ACCP could not be installed (" + e + "): signing stays with the JDK's providers");
            }
        }
        return signers();
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
