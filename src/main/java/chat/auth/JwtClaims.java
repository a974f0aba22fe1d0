package chat.auth;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The claims of an access token, read without checking its signature: only to learn whose token it
 * is and until when, never to trust it (Graph does that). Read with the streaming parser, not an
 * object mapper: a dry run with a token needs the claims and nothing else of Jackson's.
 *
 * @param claims the top-level claims that are strings, numbers (as whole seconds), or lists of strings
 */
public record JwtClaims(Map<String, Object> claims) {

    public static Optional<JwtClaims> read(String token) {
        String[] parts = token.split("\\.");
        if (parts.length < 2) {
            return Optional.empty();
        }
        try (JsonParser json = new JsonFactory().createParser(Base64.getUrlDecoder().decode(parts[1]))) {
            if (json.nextToken() != JsonToken.START_OBJECT) {
                return Optional.empty();
            }
            Map<String, Object> claims = new HashMap<>();
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String name = json.currentName();
                switch (json.nextToken()) {
                    case VALUE_STRING -> claims.put(name, json.getText());
                    case VALUE_NUMBER_INT -> claims.put(name, json.getLongValue());
                    case VALUE_NUMBER_FLOAT -> claims.put(name, (long) json.getDoubleValue()); // exp may have a fraction
                    case START_ARRAY -> claims.put(name, strings(json));
                    default -> json.skipChildren();
                }
            }
            return Optional.of(new JwtClaims(claims));
        } catch (IllegalArgumentException | IOException e) {
            return Optional.empty();
        }
    }

    private static List<String> strings(JsonParser json) throws IOException {
        List<String> values = new ArrayList<>();
        for (JsonToken item = json.nextToken(); item != JsonToken.END_ARRAY; item = json.nextToken()) {
            if (item == JsonToken.VALUE_STRING) {
                values.add(json.getText());
            } else {
                json.skipChildren();
            }
        }
        return values;
    }

    /** A delegated token has scopes (scp) and names its user (oid); an application's has roles only. */
    public Optional<SignedInUser> user() {
        if (!claims.containsKey("scp") || text("oid").isEmpty()) {
            return Optional.empty();
        }
        String username = text("upn").or(() -> text("preferred_username")).or(() -> text("unique_name")).orElse(null);
        return Optional.of(new SignedInUser(text("oid").get(), username, text("tid").orElse(null)));
    }

    /** A person's token has scopes (scp); an application's has roles and no scopes; any other, chat cannot tell. */
    public TokenKind kind() {
        if (claims.containsKey("scp")) {
            return TokenKind.DELEGATED;
        }
        return !list("roles").isEmpty() || "app".equals(text("idtyp").orElse(null)) ? TokenKind.APPLICATION
                : TokenKind.UNKNOWN;
    }

    public Optional<Instant> expiresOn() {
        return claims.get("exp") instanceof Long exp ? Optional.of(Instant.ofEpochSecond(exp)) : Optional.empty();
    }

    public Optional<String> text(String claim) {
        return claims.get(claim) instanceof String value && !value.isBlank() ? Optional.of(value) : Optional.empty();
    }

    /** The scopes of a person's token, the roles of an application's. */
    public List<String> permissions() {
        String scopes = text("scp").orElse(null);
        return scopes != null ? List.of(scopes.strip().split("\\s+")) : list("roles");
    }

    /** A claim that is a list of strings, as roles is. */
    public List<String> list(String claim) {
        return claims.get(claim) instanceof List<?> values
                ? values.stream().map(String.class::cast).toList() : List.of();
    }
}
