package chat.auth.msal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Two of MSAL's serialized token caches made one. Each is an object of sections (AccessToken,
 * RefreshToken, IdToken, Account, AppMetadata) holding entries by key; an entry that arrives replaces
 * a kept one of the same key, and the kept ones of other accounts, apps or clouds stay.
 */
final class CacheMerge {
    private CacheMerge() {
    }

    static byte[] merge(byte[] kept, byte[] arriving) {
        ObjectMapper json = new ObjectMapper();
        ObjectNode merged = object(json, kept);
        for (Map.Entry<String, JsonNode> section : object(json, arriving).properties()) {
            JsonNode keptSection = merged.get(section.getKey());
            if (keptSection instanceof ObjectNode entries && section.getValue() instanceof ObjectNode arrived) {
                entries.setAll(arrived);
            } else {
                merged.set(section.getKey(), section.getValue());
            }
        }
        try {
            return json.writeValueAsBytes(merged);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What is not a JSON object is taken as an empty cache, as MSAL's readers of the cache take it. */
    private static ObjectNode object(ObjectMapper json, byte[] cache) {
        try {
            return cache.length > 0 && json.readTree(cache) instanceof ObjectNode object ? object : json.createObjectNode();
        } catch (IOException e) {
            return json.createObjectNode();
        }
    }
}
