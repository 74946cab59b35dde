package io.github.ssosuite.auth.token;

import io.github.ssosuite.contracts.SessionEnded;
import io.quarkus.kafka.client.serialization.ObjectMapperDeserializer;

/** JSON {@link SessionEnded} from the session-ended topic (the schema in the contracts module). */
public class SessionEndedDeserializer extends ObjectMapperDeserializer<SessionEnded> {

    public SessionEndedDeserializer() {
        super(SessionEnded.class);
    }
}
