package chat.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.testing.CliRunner;
import chat.testing.FakeCloud;
import chat.testing.FakeGraph;
import chat.testing.RecordedRequest;
import chat.testing.Reply;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What is sent, and what each answer turns into: stdout, stderr and the exit code. */
class SendingTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] ONE_ON_ONE = {"create", "--one-on-one", "-m", "jacob@contoso.com", "-m", "alex@contoso.com"};
    private static final String CHAT_ID = "19:82fe7758-5bb3-4f0d-a43f-e555fd399c6f_8c0a1a67-50ce-4114-bb6c-da9c5dbcf6ca@unq.gbl.spaces";

    @Test
    void sendsTheTokenJsonAUserAgentAndARequestId() {
        try (FakeGraph graph = FakeGraph.start()) {
            graph.reply(Reply.asGraph());
            CliRunner.Result result = CliRunner.against(graph).run(ONE_ON_ONE);

            assertEquals(0, result.exitCode(), result::toString);
            RecordedRequest request = graph.requests().get(0);
            assertEquals("POST", request.method());
            assertEquals("/v1.0/chats", request.path());
            assertEquals("Bearer " + CliRunner.TOKEN, request.header("Authorization"));
            assertEquals("application/json", request.header("Content-Type"));
            assertTrue(request.header("User-Agent").matches("chat/\\d+\\.\\d+\\.\\d+\\S* \\(Java .+\\)"),
                    request.header("User-Agent"));
            assertTrue(request.header("client-request-id").matches("[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}"));
        }
    }

    @Test
    void textOutputIsTheIdAndANewlineOnly() {
        try (FakeGraph graph = FakeGraph.start()) {
            graph.reply(Reply.json(201, documentedResponse()));
            CliRunner.Result result = CliRunner.against(graph).run(ONE_ON_ONE);

            assertEquals(0, result.exitCode(), result::toString);
            assertEquals(CHAT_ID + "\n", result.out());
            assertEquals("", result.err());
        }
    }

    @Test
    void jsonOutputIsTheChatAsGraphReturnedItOneLineForAPipe() throws Exception {
        String returned = returnedWithMoreThanTheDocs();
        try (FakeGraph graph = FakeGraph.start()) {
            graph.reply(Reply.json(201, returned));
            CliRunner.Result result = CliRunner.against(graph).run(withArgs("-o", "json"));

            assertEquals(0, result.exitCode(), result::toString);
            assertEquals(JSON.readTree(returned), JSON.readTree(result.out()));
            assertTrue(result.out().contains("0.10000000000000001"), "numbers are passed through exactly");
            assertEquals(1, result.out().lines().count(), result::toString);
            assertEquals("", result.err());
        }
    }

    @Test
    void jsonOutputIsIndentedAtATerminal() throws Exception {
        String returned = returnedWithMoreThanTheDocs();
        try (FakeGraph graph = FakeGraph.start()) {
            graph.reply(Reply.json(201, returned));
            CliRunner.Result result = CliRunner.against(graph).stdoutTerminal().run(withArgs("-o", "json"));

            assertEquals(JSON.readTree(returned), JSON.readTree(result.out()));
            assertTrue(result.out().startsWith("{\n  \"@odata.context\": "), result::toString);
            assertTrue(result.out().endsWith("}\n"));
        }
    }

    private static String returnedWithMoreThanTheDocs() {
        return documentedResponse().replace("\"chatType\"",
                "\"webUrl\": \"https://teams.microsoft.com/l/chat/x\", \"viewpoint\": {\"isHidden\": false}, "
                        + "\"score\": 0.10000000000000001, \"chatType\"");
    }

    @Test
    void anInstalledAppAnswerGivesTheIdFromTheLocationHeader() throws Exception {
        String location = "/chats('19:1c5b01696d2e4a179c292bc9cf04e63b@thread.v2')/operations('a3f1c7b2-0f1e')";
        String[] args = {"create", "--group", "--topic", "Ops", "-m", "jacob@contoso.com", "-m", "alex@contoso.com",
            "--install-app", "05F59CEC-A742-4A50-A62E-202A57E478A4"};
        try (FakeGraph graph = FakeGraph.start()) {
            graph.reply(Reply.status(202).header("Location", location), Reply.status(202).header("Location", location));
            CliRunner.Result text = CliRunner.against(graph).run(args);
            CliRunner.Result json = CliRunner.against(graph).run(Stream.concat(Stream.of(args), Stream.of("-o", "json"))
                    .toArray(String[]::new));

            assertEquals("https://graph.microsoft.com/v1.0/appCatalogs/teamsApps/05f59cec-a742-4a50-a62e-202a57e478a4",
                    graph.requests().get(0).json().at("/installedApps/0/teamsApp@odata.bind").asText());
            assertEquals(0, text.exitCode(), text::toString);
            assertEquals("19:1c5b01696d2e4a179c292bc9cf04e63b@thread.v2\n", text.out());
            JsonNode known = JSON.readTree(json.out());
            assertEquals("19:1c5b01696d2e4a179c292bc9cf04e63b@thread.v2", known.get("id").asText());
            assertEquals("group", known.get("chatType").asText());
            assertEquals("Ops", known.get("topic").asText());
            assertEquals(location, known.get("operationLocation").asText());
        }
    }

    @Test
    void aPercentEncodedAbsoluteLocationIsDecoded() {
        try (FakeGraph graph = FakeGraph.start()) {
            graph.reply(Reply.status(202).header("Location",
                    "https://graph.microsoft.com/v1.0/chats('19%3A1c5b01696d2e4a179c292bc9cf04e63b%40thread.v2')/operations('x')"));
            CliRunner.Result result = CliRunner.against(graph).run(withArgs("--install-app",
                    "05f59cec-a742-4a50-a62e-202a57e478a4"));

            assertEquals("19:1c5b01696d2e4a179c292bc9cf04e63b@thread.v2\n", result.out(), result::toString);
        }
    }

    /** The refusal, what stderr says, and what Graph answers after it: a 404 has the directory asked who is unknown. */
    static Stream<Arguments> refusals() {
        return Stream.of(
                Arguments.of(Reply.graphError(403, "Forbidden", "Missing scope permissions on the request."),
                        "chat: Graph refused the request: 403 Forbidden: Missing scope permissions on the request. "
                                + "(request-id req-403)", List.of()),
                Arguments.of(Reply.graphError(404, "Request_ResourceNotFound",
                                "Resource 'alex@contoso.com' does not exist."),
                        "chat: Graph refused the request: 404 Request_ResourceNotFound: Resource 'alex@contoso.com' "
                                + "does not exist. (request-id req-404)", List.of(Reply.asGraph())),
                Arguments.of(Reply.graphError(400, "BadRequest", "Chat members cannot be null"),
                        "chat: Graph refused the request: 400 BadRequest: Chat members cannot be null (request-id req-400)",
                        List.of()),
                Arguments.of(Reply.html(403, "<!DOCTYPE html><html><head><title>Access Denied</title></head><body>"
                                + "<p>Your organisation's proxy blocked this site.</p></body></html>"),
                        "chat: Graph refused the request: 403 Forbidden: Access Denied (an HTML page, not an answer from "
                                + "Graph: a proxy or gateway may be in the way)", List.of()),
                Arguments.of(Reply.status(409), "chat: Graph refused the request: 409 Conflict", List.of()));
    }

    @ParameterizedTest
    @MethodSource("refusals")
    void aRefusalExitsFourWithStatusCodeMessageAndRequestId(Reply refusal, String expected, List<Reply> then) {
        try (FakeGraph graph = FakeGraph.start()) {
            graph.reply(refusal).reply(then.toArray(Reply[]::new));
            CliRunner.Result result = CliRunner.against(graph).run(ONE_ON_ONE);

            assertEquals(4, result.exitCode(), result::toString);
            assertEquals("", result.out());
            assertEquals(expected + "\n", result.err());
            assertEquals(1, graph.creates().size(),
                    "a refusal is final (a 404 has the directory asked who is unknown, and the answer is nobody)");
        }
    }

    @Test
    void withJsonOutputARefusalIsAlsoAJsonErrorOnStderr() throws Exception {
        try (FakeGraph graph = FakeGraph.start()) {
            graph.reply(Reply.graphError(403, "Forbidden", "Missing scope permissions on the request."));
            CliRunner.Result result = CliRunner.against(graph).run(withArgs("-o", "json"));

            assertEquals(4, result.exitCode(), result::toString);
            assertEquals("", result.out());
            List<String> lines = result.err().lines().toList();
            assertEquals(2, lines.size(), result::toString);
            JsonNode error = JSON.readTree(lines.get(1)).get("error");
            assertEquals(4, error.get("exitCode").asInt());
            assertEquals(403, error.get("status").asInt());
            assertEquals("Forbidden", error.get("code").asText());
            assertEquals("req-403", error.get("requestId").asText());
            assertEquals(graph.requests().get(0).header("client-request-id"), error.get("clientRequestId").asText());
        }
    }

    @Test
    void aRejectedTokenExitsThreeWithTheNextStep() {
        try (FakeGraph graph = FakeGraph.start()) {
            graph.reply(Reply.graphError(401, "InvalidAuthenticationToken", "Access token has expired."));
            CliRunner.Result result = CliRunner.against(graph).run(ONE_ON_ONE);

            assertEquals(3, result.exitCode(), result::toString);
            assertEquals("", result.out());
            assertEquals(1, result.err().lines().count());
            assertTrue(result.err().startsWith("chat: the token in CHAT_ACCESS_TOKEN was rejected"), result::toString);
            assertTrue(result.err().contains("401 InvalidAuthenticationToken: Access token has expired."));
            assertFalse(result.err().contains(CliRunner.TOKEN));
        }
    }

    /**
     * A token Graph never received is chat's fault, not the token's: no "rejected", no renewal (for a
     * person's sign-in it could ask them to sign in again), exit 1, and Graph's answer in the JSON error.
     */
    @Test
    void aTokenLostOnTheWayToGraphIsChatsOwnFaultNotARejectedToken() throws Exception {
        try (FakeGraph graph = FakeGraph.start()) {
            CliRunner.Result result = CliRunner.against(graph).sendingThrough(CliRunner.losingHeader("Authorization"))
                    .run(withArgs("-o", "json"));

            assertEquals(1, result.exitCode(), result::toString);
            assertEquals("", result.out());
            List<String> err = result.err().lines().toList();
            assertEquals("chat: Graph received the request without the access token chat gave it (401 "
                    + "InvalidAuthenticationToken: Access token is empty.): the Authorization header was lost on the "
                    + "way, by chat or its Java runtime, or by a proxy that opens TLS; the token was not judged and Graph "
                    + "acted on nothing (run again with --verbose for details)", err.get(0));
            JsonNode error = JSON.readTree(err.get(1)).get("error");
            assertEquals(1, error.get("exitCode").asInt());
            assertEquals(401, error.get("status").asInt());
            assertEquals("InvalidAuthenticationToken", error.get("code").asText());
            assertEquals(1, graph.requests().size(), "sent once: a renewed token would be lost the same way");
            assertEquals(null, graph.requests().get(0).header("Authorization"));
        }
    }

    /** An application's token is not fetched again either: one sign-in, one request, exit 1. */
    @Test
    void anApplicationsTokenLostOnTheWayIsNotRenewed() throws Exception {
        try (FakeCloud cloud = FakeCloud.start()) {
            cloud.identityProvider().withSecretApp("0f2b1a3c-5d4e-4f60-8a7b-9c8d7e6f5a4b", "app-secret");
            CliRunner.Result result = cloud.runner().env("AZURE_TENANT_ID", "4dc1fe35-8ac6-4f0d-904a-7ebcd364bea1")
                    .env("AZURE_CLIENT_ID", "0f2b1a3c-5d4e-4f60-8a7b-9c8d7e6f5a4b").env("AZURE_CLIENT_SECRET", "app-secret")
                    .sendingThrough(CliRunner.losingHeader("Authorization")).run(ONE_ON_ONE);

            assertEquals(1, result.exitCode(), result::toString);
            assertTrue(result.err().startsWith("chat: Graph received the request without the access token chat gave it"),
                    result::toString);
            assertFalse(result.err().contains("rejected"), result::toString);
            assertEquals(1, cloud.identityProvider().tokenRequests().size());
            assertEquals(1, cloud.graph().requests().size());
        }
    }

    @Test
    void withoutACredentialItExitsThreeSayingHowToGiveOne() {
        try (FakeGraph graph = FakeGraph.start()) {
            CliRunner.Result result = CliRunner.against(graph).withoutEnv("CHAT_ACCESS_TOKEN").run(ONE_ON_ONE);

            assertEquals(3, result.exitCode(), result::toString);
            assertEquals("", result.out());
            assertEquals("chat: no credential: set CHAT_ACCESS_TOKEN, or AZURE_CLIENT_ID and AZURE_TENANT_ID with "
                    + "AZURE_CLIENT_SECRET, AZURE_CLIENT_CERTIFICATE_PATH or AZURE_FEDERATED_TOKEN_FILE, or use "
                    + "--managed-identity; or sign in first with: chat login\n", result.err());
            assertEquals(List.of(), graph.requests());
        }
    }

    @Test
    void aBearerPrefixInTheVariableIsForgiven() {
        try (FakeGraph graph = FakeGraph.start()) {
            graph.reply(Reply.asGraph());
            CliRunner.against(graph).env("CHAT_ACCESS_TOKEN", " Bearer " + CliRunner.TOKEN + "\n").run(ONE_ON_ONE);

            assertEquals("Bearer " + CliRunner.TOKEN, graph.requests().get(0).header("Authorization"));
        }
    }

    @Test
    void verboseTracesTheExchangeWithTheTokenRedacted() {
        try (FakeGraph graph = FakeGraph.start()) {
            graph.reply(Reply.asGraph());
            CliRunner.Result result = CliRunner.against(graph).run(withArgs("--verbose"));

            assertEquals(0, result.exitCode(), result::toString);
            assertTrue(result.err().contains("> POST " + graph.url() + "/v1.0/chats\n"), result::toString);
            assertTrue(result.err().contains("> Authorization: Bearer [redacted]\n"), result::toString);
            assertTrue(result.err().contains("< 201 ("), result::toString);
            assertTrue(result.err().contains("\"chatType\":\"oneOnOne\""), result::toString);
            assertFalse(result.err().contains(CliRunner.TOKEN), "the token never reaches stderr");
            assertFalse(result.out().contains(">"), "the trace stays off stdout");
        }
    }

    @Test
    void membersAreBoundThroughTheirEscapedKeys() {
        try (FakeGraph graph = FakeGraph.start()) {
            graph.reply(Reply.asGraph());
            CliRunner.against(graph).run("create", "--group", "-m", "o'brien@contoso.com",
                    "-g", "jane_fabrikam.com#EXT#@contoso.onmicrosoft.com", "-m", "8B081EF6-4792-4DEF-B2C9-C363A1BF41D5");

            JsonNode members = graph.requests().get(0).json().get("members");
            assertEquals("https://graph.microsoft.com/v1.0/users('o''brien@contoso.com')",
                    members.get(0).get("user@odata.bind").asText());
            assertEquals("https://graph.microsoft.com/v1.0/users('8b081ef6-4792-4def-b2c9-c363a1bf41d5')",
                    members.get(1).get("user@odata.bind").asText());
            assertEquals("https://graph.microsoft.com/v1.0/users('jane_fabrikam.com%23EXT%23@contoso.onmicrosoft.com')",
                    members.get(2).get("user@odata.bind").asText());
            assertEquals("guest", members.get(2).get("roles").get(0).asText());
        }
    }

    @Test
    void dryRunPrintsTheRequestAsHttpReadsAndSendsNothing() {
        try (FakeGraph graph = FakeGraph.start()) {
            CliRunner.Result result = CliRunner.against(graph).run("create", "--group", "--topic", "Launch",
                    "-m", "jacob@contoso.com", "--federated",
                    "82af01c5-f7cc-4a2e-a728-3a5df21afd9d=4dc1fe35-8ac6-4f0d-904a-7ebcd364bea1", "--dry-run");

            assertEquals(0, result.exitCode(), result::toString);
            assertEquals(List.of(), graph.requests());
            assertEquals("POST " + graph.url() + "/v1.0/chats\n"
                    + "Content-Type: application/json\n"
                    + "\n"
                    + "{\n"
                    + "  \"chatType\": \"group\",\n"
                    + "  \"topic\": \"Launch\",\n"
                    + "  \"members\": [\n"
                    + "    {\n"
                    + "      \"@odata.type\": \"#microsoft.graph.aadUserConversationMember\",\n"
                    + "      \"roles\": [\n"
                    + "        \"owner\"\n"
                    + "      ],\n"
                    + "      \"user@odata.bind\": \"https://graph.microsoft.com/v1.0/users('jacob@contoso.com')\"\n"
                    + "    },\n"
                    + "    {\n"
                    + "      \"@odata.type\": \"#microsoft.graph.aadUserConversationMember\",\n"
                    + "      \"roles\": [\n"
                    + "        \"owner\"\n"
                    + "      ],\n"
                    + "      \"user@odata.bind\": \"https://graph.microsoft.com/v1.0/users('82af01c5-f7cc-4a2e-a728-3a5df21afd9d')\",\n"
                    + "      \"tenantId\": \"4dc1fe35-8ac6-4f0d-904a-7ebcd364bea1\"\n"
                    + "    }\n"
                    + "  ]\n"
                    + "}\n", result.out());
            assertEquals("", result.err());
        }
    }

    @Test
    void anyTwoHundredIsSuccess() {
        try (FakeGraph graph = FakeGraph.start()) {
            graph.reply(Reply.json(200, "{\"id\": \"19:abc@thread.v2\", \"chatType\": \"group\"}"));
            CliRunner.Result result = CliRunner.against(graph).run(ONE_ON_ONE);

            assertEquals(0, result.exitCode(), result::toString);
            assertEquals("19:abc@thread.v2\n", result.out());
        }
    }

    private static String[] withArgs(String... more) {
        return Stream.concat(Stream.of(ONE_ON_ONE), Stream.of(more)).toArray(String[]::new);
    }

    private static String documentedResponse() {
        try (InputStream in = SendingTest.class.getResourceAsStream("/examples/1-one-on-one-by-id.response.json")) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
