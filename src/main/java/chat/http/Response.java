package chat.http;

import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** An HTTP answer, read whole: Graph's and the identity provider's answers are small. */
public record Response(int status, HttpHeaders headers, byte[] body) {

    public Response {
        body = body == null ? new byte[0] : body; // the JDK gives none for a proxy's own refusal
    }

    public Optional<String> header(String name) {
        return headers.firstValue(name);
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }
}
