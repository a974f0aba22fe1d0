package chat.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The fake's claims about groups and bigger chats, as Graph documents them: groups found by id, mail
 * and a name several may share; transitive members a page at a time, devices, contacts, service
 * principals and nested groups among them; a create of more than 200 refused; adds answered 201
 * with a Location, and refused as Graph refuses them.
 */
class FakeGroupsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final String READER = "Bearer " + Tokens.unsigned("{\"scp\":\"GroupMember.Read.All\",\"oid\":\""
            + FakeDirectory.idOf("megan@contoso.com") + "\"}");
    private static final String ADDER = "Bearer " + Tokens.unsigned("{\"scp\":\"Chat.Create ChatMember.ReadWrite\","
            + "\"oid\":\"" + FakeDirectory.idOf("megan@contoso.com") + "\"}");

    private static JsonNode get(FakeGraph graph, String path, String bearer) throws IOException, InterruptedException {
        HttpResponse<String> answer = CLIENT.send(HttpRequest.newBuilder(URI.create(graph.url() + path))
                .header("Authorization", bearer).GET().build(), HttpResponse.BodyHandlers.ofString());
        return ((com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(answer.body())).put("status", answer.statusCode());
    }

    private static HttpResponse<String> post(FakeGraph graph, String path, String body, String bearer)
            throws IOException, InterruptedException {
        return CLIENT.send(HttpRequest.newBuilder(URI.create(graph.url() + path)).header("Authorization", bearer)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String member(String key, String role) {
        return "{\"@odata.type\":\"#microsoft.graph.aadUserConversationMember\",\"roles\":[\"" + role + "\"],"
                + "\"user@odata.bind\":\"https://graph.microsoft.com/v1.0/users('" + key + "')\"}";
    }

    private static String group(List<String> people) {
        return "{\"chatType\":\"group\",\"members\":[" + String.join(",", people.stream().map(p -> member(p, "owner"))
                .toList()) + "]}";
    }

    private static String filter(String field, String value) {
        return "/v1.0/groups?$filter=" + URLEncoder.encode(field + " eq '" + value + "'", StandardCharsets.UTF_8)
                .replace("+", "%20");
    }

    @Test
    void groupsAreFoundByIdMailAndAShareableName() throws Exception {
        try (FakeGraph graph = FakeGraph.start().answeringAsGraph()) {
            FakeGroups groups = graph.chats().groups();
            FakeGroups.Group oncall = groups.add("On call", "oncall@contoso.com");
            groups.add("Release", "release-a@contoso.com");
            groups.add("release", "release-b@contoso.com");

            assertEquals(oncall.id(), get(graph, "/v1.0/groups/" + oncall.id(), READER).get("id").asText());
            assertEquals(oncall.id(), get(graph, filter("mail", "ONCALL@contoso.com"), READER).at("/value/0/id").asText());
            assertEquals(2, get(graph, filter("displayName", "Release"), READER).get("value").size());
            assertEquals(404, get(graph, "/v1.0/groups/" + java.util.UUID.randomUUID(), READER).get("status").asInt());
        }
    }

    @Test
    void transitiveMembersComePagedWithNestedGroupsAndWhatIsNoPerson() throws Exception {
        try (FakeGraph graph = FakeGraph.start().answeringAsGraph().groupPageSize(3)) {
            FakeGroups groups = graph.chats().groups();
            FakeGroups.Group nested = groups.add("Leads", null, FakeGroups.user("lead@contoso.com"),
                    FakeGroups.user("jacob@contoso.com"));
            FakeGroups.Group oncall = groups.add("On call", "oncall@contoso.com", FakeGroups.user("jacob@contoso.com"),
                    FakeGroups.group(nested), FakeGroups.device("printer-4"), FakeGroups.contact("vendor"),
                    FakeGroups.servicePrincipal("pager-bot"), FakeGroups.user("jane_fabrikam.com#EXT#@contoso.com"));

            List<JsonNode> members = new ArrayList<>();
            String next = "/v1.0/groups/" + oncall.id() + "/transitiveMembers?$select=id,userPrincipalName,mail,userType";
            int pages = 0;
            while (next != null) {
                JsonNode page = get(graph, next, READER);
                page.get("value").forEach(members::add);
                next = page.has("@odata.nextLink") ? page.get("@odata.nextLink").asText()
                        .replace("https://graph.microsoft.com", "") : null;
                pages++;
            }

            assertEquals(3, pages);
            assertEquals(List.of("#microsoft.graph.user", "#microsoft.graph.group", "#microsoft.graph.device",
                    "#microsoft.graph.orgContact", "#microsoft.graph.servicePrincipal", "#microsoft.graph.user",
                    "#microsoft.graph.user"), members.stream().map(m -> m.get("@odata.type").asText()).toList(),
                    "jacob once, though in both groups");
            assertEquals("Guest", members.get(5).get("userType").asText());
            assertEquals(403, get(graph, "/v1.0/groups/" + oncall.id(), "Bearer " + Tokens.unsigned(
                    "{\"scp\":\"Chat.Create\"}")).get("status").asInt(), "without GroupMember.Read.All");
        }
    }

    @Test
    void aCreateOfMoreThanTwoHundredIsRefused() throws Exception {
        try (FakeGraph graph = FakeGraph.start().answeringAsGraph()) {
            List<String> people = IntStream.rangeClosed(1, 201).mapToObj(i -> "p" + i + "@contoso.com").toList();

            assertEquals(400, post(graph, "/v1.0/chats", group(people), ADDER).statusCode());
            assertEquals(201, post(graph, "/v1.0/chats", group(people.subList(0, 200)), ADDER).statusCode());
        }
    }

    @ParameterizedTest(name = "someone already in answered {0}")
    @ValueSource(ints = {400, 409})
    void addsAreTakenOrRefusedAsGraphDoes(int alreadyIn) throws Exception {
        try (FakeGraph graph = FakeGraph.start().answeringAsGraph().alreadyInAnswers(alreadyIn)) {
            FakeChats.Chat chat = graph.chats().seedGroup("Town hall", java.time.Instant.now(), "megan@contoso.com",
                    "p1@contoso.com", "p2@contoso.com");
            String path = "/v1.0/chats/" + chat.id() + "/members";

            HttpResponse<String> added = post(graph, path, member("p3@contoso.com", "owner"), ADDER);
            assertEquals(201, added.statusCode());
            assertTrue(added.headers().firstValue("Location").orElse("").startsWith("/chats('" + chat.id() + "')/members('"));
            assertEquals(alreadyIn, post(graph, path, member("p3@contoso.com", "owner"), ADDER).statusCode());
            assertEquals(400, post(graph, path, member("jane_fabrikam.com#EXT#@contoso.com", "owner"), ADDER)
                    .statusCode(), "an in-tenant guest as an owner");
            assertEquals(403, post(graph, path, member("p4@contoso.com", "owner"), READER).statusCode(),
                    "without ChatMember.ReadWrite");
            assertEquals(4, graph.chats().all().get(0).members().size());
        }
    }

    @Test
    void aGroupChatMadeThroughGraphWithTwoPeopleRefusesAdds() throws Exception {
        try (FakeGraph graph = FakeGraph.start().answeringAsGraph()) {
            post(graph, "/v1.0/chats", group(List.of("megan@contoso.com", "p1@contoso.com")), ADDER);
            String id = graph.chats().all().get(0).id();

            HttpResponse<String> refused = post(graph, "/v1.0/chats/" + id + "/members", member("p2@contoso.com",
                    "owner"), ADDER);
            assertEquals(403, refused.statusCode());
            assertTrue(refused.body().contains("RosterAddMemberBlocked"), refused.body());
        }
    }
}
