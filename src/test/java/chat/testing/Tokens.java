package chat.testing;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Tokens for tests: unsigned JWTs (alg none) with the claims given, as chat reads them without checking. */
public final class Tokens {
    private Tokens() {
    }

    /** @param claims the payload, as JSON */
    public static String unsigned(String claims) {
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        return base64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + base64.encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + ".";
    }
}
