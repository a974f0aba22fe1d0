import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The floor of the start-up benchmark: only the POST that `chat create` makes, with the JDK's HTTP
 * client through HTTPS_PROXY, and the id printed. No argument parsing, no validation, no JSON library.
 */
public final class BarePost {
    public static void main(String[] args) throws Exception {
        URI proxy = URI.create(System.getenv("HTTPS_PROXY"));
        HttpClient client = HttpClient.newBuilder()
                .proxy(ProxySelector.of(new InetSocketAddress(proxy.getHost(), proxy.getPort())))
                .connectTimeout(Duration.ofSeconds(10))
                .build();
        String body = "{\"chatType\":\"oneOnOne\",\"members\":[{\"@odata.type\":\"#microsoft.graph.aadUserConversationMember\","
                + "\"roles\":[\"owner\"],\"user@odata.bind\":\"https://graph.microsoft.com/v1.0/users('jacob@contoso.com')\"},"
                + "{\"@odata.type\":\"#microsoft.graph.aadUserConversationMember\",\"roles\":[\"owner\"],"
                + "\"user@odata.bind\":\"https://graph.microsoft.com/v1.0/users('alex@contoso.com')\"}]}";
        HttpRequest request = HttpRequest.newBuilder(URI.create("https://graph.microsoft.com/v1.0/chats"))
                .header("Authorization", "Bearer " + System.getenv("CHAT_ACCESS_TOKEN"))
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        Matcher id = Pattern.compile("\"id\":\"([^\"]+)\"").matcher(response.body());
        if (response.statusCode() != 201 || !id.find()) {
            System.err.println("unexpected answer " + response.statusCode());
            System.exit(1);
        }
        System.out.println(id.group(1));
    }
}
