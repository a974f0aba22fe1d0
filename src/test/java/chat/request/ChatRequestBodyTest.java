package chat.request;

import chat.errors.UsageException;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** A body written and read back is the same request: what --dry-run -o json prints, --from reads. */
class ChatRequestBodyTest {
    private static final String GRAPH = "https://graph.microsoft.com";

    @ParameterizedTest
    @ValueSource(strings = {"1-one-on-one-by-id", "2-group-with-topic", "3-one-on-one-by-upn",
        "4-group-with-in-tenant-guest", "5-one-on-one-federated"})
    void theDocumentedBodiesReadBackToWhatTheyWere(String example) throws Exception {
        String documented;
        try (InputStream in = getClass().getResourceAsStream("/examples/" + example + ".request.json")) {
            documented = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        ChatDraft request = ChatRequestBody.parseLine(documented, GRAPH, false).draft();

        ObjectMapper json = new ObjectMapper();
        assertEquals(json.readTree(documented), json.readTree(ChatRequestBody.json(request, GRAPH, false)));
    }

    @org.junit.jupiter.api.Test
    void awkwardKeysSurviveTheRoundTrip() {
        ChatRequest request = new ChatRequest(ChatType.GROUP, "Ops \"weekly\"", List.of(
                Member.owner(UserKey.parse("o'brien@contoso.com")),
                Member.guest(UserKey.parse("jane_fabrikam.com#EXT#@contoso.onmicrosoft.com")),
                Member.federated(UserKey.parse("82af01c5-f7cc-4a2e-a728-3a5df21afd9d"), "4dc1fe35-8ac6-4f0d-904a-7ebcd364bea1")),
                "05f59cec-a742-4a50-a62e-202a57e478a4");

        assertEquals(request, ChatRequestBody.parseLine(ChatRequestBody.json(request, GRAPH, false), GRAPH, false).draft().listed());
    }

    @org.junit.jupiter.api.Test
    void aBindByPathReadsToo() {
        ChatDraft request = ChatRequestBody.parseLine("{\"chatType\":\"oneOnOne\",\"members\":["
                + member("https://graph.microsoft.com/v1.0/users/alex@contoso.com", "owner") + ","
                + member("https://graph.microsoft.com/v1.0/users/8b081ef6-4792-4def-b2c9-c363a1bf41d5", "owner") + "]}",
                GRAPH, false).draft();

        assertEquals("alex@contoso.com", request.members().get(0).user().value());
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
        "[1,2]                                                                    | not a JSON object",
        "{\"chatType\":\"group\",                                                 | not JSON",
        "{\"chatType\":\"channel\",\"members\":[]}                               | chatType 'channel' is not",
        "{\"chatType\":\"group\",\"members\":[],\"visibility\":\"public\"}       | unknown property 'visibility'",
        "{\"chatType\":\"group\"}                                                 | 'members' must be an array",
        "{\"chatType\":\"oneOnOne\",\"topic\":\"x\",\"members\":[]}              | a one-on-one chat has no topic",
        "{\"chatType\":\"group\",\"members\":[{\"roles\":[\"owner\"]}]}          | members[0].@odata.type' must be a string",
        "{\"chatType\":\"group\",\"members\":[{\"@odata.type\":\"#microsoft.graph.aadUserConversationMember\",\"roles\":[\"owner\",\"guest\"],\"user@odata.bind\":\"x\"}]} | exactly one role",
        "{\"chatType\":\"group\",\"members\":[{\"@odata.type\":\"#microsoft.graph.aadUserConversationMember\",\"roles\":[\"member\"],\"user@odata.bind\":\"x\"}]} | role 'member' is not supported",
        "{\"chatType\":\"group\",\"members\":[{\"@odata.type\":\"#microsoft.graph.aadUserConversationMember\",\"roles\":[\"owner\"],\"user@odata.bind\":\"https://graph.microsoft.us/v1.0/users('a@b.com')\"}]} | does not start with https://graph.microsoft.com/v1.0/users",
        "{\"chatType\":\"group\",\"members\":[{\"@odata.type\":\"#microsoft.graph.aadUserConversationMember\",\"roles\":[\"owner\"],\"user@odata.bind\":\"https://graph.microsoft.com/v1.0/users('a b@c.com')\"}]} | cannot contain a space",
        "{\"chatType\":\"group\",\"members\":[{\"@odata.type\":\"#microsoft.graph.aadUserConversationMember\",\"roles\":[\"guest\"],\"user@odata.bind\":\"https://graph.microsoft.com/v1.0/users('8b081ef6-4792-4def-b2c9-c363a1bf41d5')\",\"tenantId\":\"4dc1fe35-8ac6-4f0d-904a-7ebcd364bea1\"}]} | must have the role owner",
    })
    void aBadBodyIsRefusedWithTheReason(String body, String reason) {
        UsageException e = assertThrows(UsageException.class,
                () -> ChatRequestBody.parseLine(body, GRAPH, false).draft());
        assertTrue(e.getMessage().contains(reason), e.getMessage());
    }

    private static String member(String bind, String role) {
        return "{\"@odata.type\":\"#microsoft.graph.aadUserConversationMember\",\"roles\":[\"" + role
                + "\"],\"user@odata.bind\":\"" + bind + "\"}";
    }
}
