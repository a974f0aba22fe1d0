package chat.http;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One HTTP request as this tool sends it: small enough to trace, redact and resend as it is.
 *
 * @param body null for none
 */
public record Request(String method, URI uri, Map<String, String> headers, byte[] body) {

    public Request {
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    public static Request post(URI uri, Map<String, String> headers, String body) {
        return new Request("POST", uri, headers, body.getBytes(StandardCharsets.UTF_8));
    }

    public static Request get(URI uri, Map<String, String> headers) {
        return new Request("GET", uri, headers, null);
    }

    /** The same request with one more header, as a retry sends it. */
    public Request withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new Request(method, uri, more, body);
    }

    public String bodyText() {
        return body == null ? "" : new String(body, StandardCharsets.UTF_8);
    }
}
