package io.github.ssosuite.e2e;

import com.sun.net.httpserver.HttpServer;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;

/**
 * A stand-in OpenTelemetry collector for the e2e tests: accepts OTLP/HTTP protobuf exports on any path (the
 * services post to {@code /v1/traces}) and keeps their bodies. Without decoding protobuf it can still tell which
 * service exported a span of a given trace: an export request carries its resource's {@code service.name} as a
 * string and every span's trace id as 16 raw bytes.
 */
final class OtlpReceiver implements AutoCloseable {

    private final HttpServer server;
    private final List<byte[]> exports = new CopyOnWriteArrayList<>();

    OtlpReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
                body = new GZIPInputStream(new ByteArrayInputStream(body)).readAllBytes();
            }
            exports.add(body);
            // an empty ExportTraceServiceResponse: everything accepted
            exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
    }

    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    int exportCount() {
        return exports.size();
    }

    /** Whether {@code service} exported at least one span of the trace {@code traceIdHex}. */
    boolean exported(String service, String traceIdHex) {
        byte[] traceId = HexFormat.of().parseHex(traceIdHex);
        byte[] name = service.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return exports.stream().anyMatch(body -> contains(body, traceId) && contains(body, name));
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
