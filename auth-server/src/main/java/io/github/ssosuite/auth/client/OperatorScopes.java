package io.github.ssosuite.auth.client;

import java.util.List;
import java.util.Set;

/**
 * Operator scopes: the service scopes of {@code auth.tokens.scope-audiences} ({@code sessions:*}, {@code deliveries:*},
 * {@code keys:*}). A token carrying one can end anybody's sessions, re-drive logouts or rotate the signing keys, so
 * only clients an operator configured ({@code auth.clients.*}, "seeded") may hold them.
 *
 * <p>RFC 7591 §2 lets the server refuse or replace the {@code scope} a registering party asks for; it refuses (a clear
 * {@code invalid_client_metadata} beats a client that silently gets less). Grants check again, so a client registered
 * before this rule existed gets no operator scope either, whatever its stored metadata says.
 */
public record OperatorScopes(Set<String> scopes) {

    public OperatorScopes {
        scopes = Set.copyOf(scopes);
    }

    /** Dynamic registration (RFC 7591 §2, {@code scope}): refused when {@code metadata} asks for an operator scope. */
    public void refuseInRegistration(ClientMetadata metadata) {
        List<String> asked = RegistrationRules.scopes(metadata.scope()).stream().filter(scopes::contains).toList();
        if (!asked.isEmpty()) {
            throw new RegistrationRules.Refused("invalid_client_metadata", "scope " + String.join(" ", asked)
                    + " is for operator-configured clients only (auth.clients.<id>.scope), not for registration");
        }
    }

    /** The scopes {@code client} may be granted: its registered ones, without operator scopes unless it is seeded. */
    public List<String> grantable(String registeredScope, boolean seeded) {
        List<String> registered = RegistrationRules.scopes(registeredScope);
        return seeded ? registered : registered.stream().filter(s -> !scopes.contains(s)).toList();
    }
}
