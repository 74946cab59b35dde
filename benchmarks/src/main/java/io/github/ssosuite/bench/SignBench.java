package io.github.ssosuite.bench;

import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Signatures per second: the JDK's providers against Amazon Corretto Crypto Provider (the services' {@code
 * NativeCrypto}), given a key object made by the JDK and one made by ACCP's own KeyFactory, on 1 and 2 threads sharing
 * one key. The signed input is a JWT-sized 400 bytes. Prints a Markdown table.
 */
final class SignBench {

    private SignBench() {
    }

    static void run(double seconds) throws Exception {
        Provider accp = (Provider) Class.forName("com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider")
                .getField("INSTANCE").get(null);
        Object loadingError = accp.getClass().getMethod("getLoadingError").invoke(accp);
        if (loadingError != null) {
            throw new IllegalStateException("ACCP's native library did not load here: " + loadingError);
        }
        List<String> rows = new ArrayList<>();
        for (String alg : List.of("RS256", "ES256")) {
            boolean rsa = alg.equals("RS256");
            String family = rsa ? "RSA" : "EC";
            String jdkProvider = rsa ? "SunRsaSign" : "SunEC";
            String signature = rsa ? "SHA256withRSA" : "SHA256withECDSA";
            KeyPairGenerator generator = KeyPairGenerator.getInstance(family, jdkProvider);
            if (rsa) {
                generator.initialize(2048);
            } else {
                generator.initialize(new ECGenParameterSpec("secp256r1"));
            }
            byte[] pkcs8 = generator.generateKeyPair().getPrivate().getEncoded();
            PrivateKey jdkKey = KeyFactory.getInstance(family, jdkProvider).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
            PrivateKey accpKey = KeyFactory.getInstance(family, accp).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
            for (int threads : new int[] {1, 2}) {
                double jdk = rate(() -> Signature.getInstance(signature, jdkProvider), jdkKey, threads, seconds);
                double accpJdkKey = rate(() -> Signature.getInstance(signature, accp), jdkKey, threads, seconds);
                double accpOwnKey = rate(() -> Signature.getInstance(signature, accp), accpKey, threads, seconds);
                rows.add(String.format(Locale.ROOT, "| %s | %d | %.0f | %.0f | %.0f | %.2f |", alg, threads, jdk,
                        accpJdkKey, accpOwnKey, accpOwnKey / jdk));
            }
        }
        System.out.println("| alg | threads | JDK /s | ACCP, JDK key object /s | ACCP, its own key /s | ACCP own ÷ JDK |");
        System.out.println("|---|---|---|---|---|---|");
        rows.forEach(System.out::println);
    }

    interface Signer {
        Signature get() throws Exception;
    }

    /** Signatures per second on {@code threads} threads sharing {@code key}, after a warm-up as long as the measure. */
    private static double rate(Signer signer, PrivateKey key, int threads, double seconds) throws Exception {
        long warmUntil = System.nanoTime() + (long) (seconds * 1e9);
        long until = warmUntil + (long) (seconds * 1e9);
        AtomicLong counted = new AtomicLong();
        byte[] data = new byte[400];
        List<Thread> workers = new ArrayList<>();
        List<Exception> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int t = 0; t < threads; t++) {
            Thread worker = new Thread(() -> {
                try {
                    long now;
                    while ((now = System.nanoTime()) < until) {
                        Signature s = signer.get();
                        s.initSign(key);
                        s.update(data);
                        s.sign();
                        if (now > warmUntil) {
                            counted.incrementAndGet();
                        }
                    }
                } catch (Exception e) {
                    failures.add(e);
                }
            });
            worker.start();
            workers.add(worker);
        }
        for (Thread worker : workers) {
            worker.join();
        }
        if (!failures.isEmpty()) {
            throw failures.get(0);
        }
        return counted.get() / seconds;
    }
}
