package io.github.ssosuite.localstack.infra;

/** A local server could not be started or reached; the message says what to do about it. */
public class InfrastructureException extends RuntimeException {

    public InfrastructureException(String message) {
        super(message);
    }

    public InfrastructureException(String message, Throwable cause) {
        super(message, cause);
    }
}
