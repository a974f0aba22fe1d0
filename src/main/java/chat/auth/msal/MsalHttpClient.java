package chat.auth.msal;

import chat.http.HttpSender;
import chat.http.Request;
import chat.http.Response;
import com.microsoft.aad.msal4j.HttpRequest;
import com.microsoft.aad.msal4j.IHttpClient;
import com.microsoft.aad.msal4j.IHttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * MSAL's traffic through chat's own HTTP stack: the same proxy, TLS context, timeouts and --verbose
 * trace as Graph's. No retries here: MSAL retries a 5xx once itself.
 */
final class MsalHttpClient implements IHttpClient {
    private final HttpSender sender;
    private final Duration timeout;

    MsalHttpClient(HttpSender sender, Duration timeout) {
        this.sender = sender;
        this.timeout = timeout;
    }

    @Override
    public IHttpResponse send(HttpRequest request) throws Exception {
        Map<String, String> headers = request.headers() == null ? Map.of() : request.headers();
        byte[] body = request.body() == null ? null : request.body().getBytes(StandardCharsets.UTF_8);
        Response response = sender.send(new Request(request.httpMethod().methodName, request.url().toURI(), headers, body),
                timeout);
        return new Answer(response.status(), response.headers().map(), response.bodyText());
    }

    private record Answer(int statusCode, Map<String, List<String>> headers, String body) implements IHttpResponse {
    }
}
