package chat.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * The claims of an access token, read without checking its signature: only to learn whose token it
 * is and until when, never to trust it (Graph does that).
 */
public record JwtClaims(JsonNode payload) {

    public static Optional<JwtClaims> read(String token) {
        String[] parts = token.split("\\.");
        if (parts.length < 2) {
            return Optional.empty();
        }
        try {
            byte[] json = Base64.getUrlDecoder().decode(parts[1]);
            JsonNode payload = new ObjectMapper().readTree(new String(json, StandardCharsets.UTF_8));
            return payload != null && payload.isObject() ? Optional.of(new JwtClaims(payload)) : Optional.empty();
        } catch (IllegalArgumentException | IOException e) {
            return Optional.empty();
        }
    }

    /** A delegated token has scopes (scp) and names its user (oid); an application's has roles only. */
    public Optional<SignedInUser> user() {
        if (!payload.hasNonNull("scp") || !payload.path("oid").isTextual()) {
            return Optional.empty();
        }
        String username = text("upn").or(() -> text("preferred_username")).or(() -> text("unique_name")).orElse(null);
        return Optional.of(new SignedInUser(payload.get("oid").asText(), username, text("tid").orElse(null)));
    }

    public Optional<Instant> expiresOn() {
        JsonNode exp = payload.path("exp");
        return exp.canConvertToLong() ? Optional.of(Instant.ofEpochSecond(exp.asLong())) : Optional.empty();
    }

    public Optional<String> text(String claim) {
        JsonNode value = payload.path(claim);
        return value.isTextual() && !value.asText().isBlank() ? Optional.of(value.asText()) : Optional.empty();
    }
}
