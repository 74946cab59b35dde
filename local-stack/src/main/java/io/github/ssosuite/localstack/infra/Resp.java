package io.github.ssosuite.localstack.infra;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Just enough of the Redis protocol to set a local server up: one command, its simple or bulk reply. */
final class Resp {

    private Resp() {
    }

    static String command(int port, List<String> args) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            ByteArrayOutputStream request = new ByteArrayOutputStream();
            request.write(("*" + args.size() + "\r\n").getBytes(StandardCharsets.US_ASCII));
            for (String arg : args) {
                byte[] bytes = arg.getBytes(StandardCharsets.UTF_8);
                request.write(("$" + bytes.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
                request.write(bytes);
                request.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            out.write(request.toByteArray());
            out.flush();
            InputStream in = new BufferedInputStream(socket.getInputStream());
            String line = readLine(in);
            return switch (line.charAt(0)) {
                case '+', ':' -> line.substring(1);
                case '-' -> throw new IOException("Redis answered " + line.substring(1));
                case '$' -> {
                    int length = Integer.parseInt(line.substring(1));
                    yield length < 0 ? null : new String(in.readNBytes(length + 2), StandardCharsets.UTF_8).trim();
                }
                default -> throw new IOException("unexpected Redis reply " + line);
            };
        }
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) != -1) {
            if (c == '\r') {
                in.read();
                break;
            }
            line.append((char) c);
        }
        return line.toString();
    }
}
