package chat.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.testing.CliRunner;
import chat.testing.FakeChats;
import chat.testing.FakeGraph;
import chat.testing.Reply;
import chat.testing.Tokens;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** --message: the chat's first message, posted once the chat is there, and never twice. */
class FirstMessageTest {
    private static final String JACOB = "jacob@contoso.com";
    private static final String ALEX = "alex@contoso.com";
    private static final String MEGAN_ID = "6e1c9b7d-3a3f-4b55-9a40-2f0c6a1d7e11";
    /** A person's token that may create chats and post into them. */
    static final String SENDER = Tokens.unsigned("{\"scp\":\"Chat.Create Chat.ReadBasic ChatMessage.Send\",\"oid\":\""
            + MEGAN_ID + "\",\"upn\":\"megan@contoso.com\"}");
    private static final String[] INCIDENT = {"create", "--group", "--topic", "Incident 42", "-m", JACOB, "-m", ALEX};

    @TempDir
    Path directory;

    private static String[] with(String[] command, String... more) {
        return Stream.concat(Stream.of(command), Stream.of(more)).toArray(String[]::new);
    }

    private static CliRunner sender(FakeGraph graph) {
        return CliRunner.against(graph).env("CHAT_ACCESS_TOKEN", SENDER);
    }

    @Test
    void theMessageIsPostedIntoTheChatMadeAndStdoutStaysItsId() throws Exception {
        try (FakeGraph graph = FakeGraph.start().reply(Reply.asGraph(), Reply.asGraph())) {
            CliRunner.Result result = sender(graph).run(with(INCIDENT, "--message", "Sev 2: checkout is down"));

            assertEquals(0, result.exitCode(), result::toString);
            FakeChats.Chat chat = graph.chats().all().get(0);
            assertEquals(chat.id() + "\n", result.out());
            assertEquals("", result.err());
            FakeChats.Message posted = graph.chats().messages().get(0);
            assertEquals(List.of(chat.id(), "text", "Sev 2: checkout is down", MEGAN_ID),
                    List.of(posted.chatId(), posted.contentType(), posted.content(), posted.from()));
            JsonNode body = new ObjectMapper().readTree(graph.messagePosts().get(0).body());
            assertEquals("{\"body\":{\"contentType\":\"text\",\"content\":\"Sev 2: checkout is down\"}}", body.toString());
        }
    }

    @Test
    void withJsonTheChatGainsThePostedMessageAndItsIdStaysTheChats() throws Exception {
        try (FakeGraph graph = FakeGraph.start().reply(Reply.asGraph(), Reply.asGraph())) {
            CliRunner.Result result = sender(graph).run(with(INCIDENT, "--message", "<b>Sev 2</b>", "--html", "-o", "json"));

            assertEquals(0, result.exitCode(), result::toString);
            JsonNode chat = new ObjectMapper().readTree(result.out());
            FakeChats.Message posted = graph.chats().messages().get(0);
            assertEquals(graph.chats().all().get(0).id(), chat.path("id").asText());
            assertEquals(posted.id(), chat.path("postedMessage").path("id").asText());
            assertEquals(posted.created().toString(), chat.path("postedMessage").path("createdDateTime").asText());
            assertEquals("html", posted.contentType());
        }
    }

    @Test
    void aReusedChatGetsTheMessageAndNoChatIsMade() {
        try (FakeGraph graph = FakeGraph.start().answeringAsGraph()) {
            FakeChats.Chat existing = graph.chats().seedGroup("Incident 42", Instant.now(), MEGAN_ID, JACOB, ALEX);
            CliRunner.Result result = sender(graph).run(with(INCIDENT, "--if-exists", "reuse", "--message", "Still on it"));

            assertEquals(0, result.exitCode(), result::toString);
            assertEquals(existing.id() + "\n", result.out());
            assertEquals(List.of(), graph.creates());
            assertEquals(List.of(existing.id()), graph.chats().messages().stream().map(FakeChats.Message::chatId).toList());
        }
    }

    @Test
    void theOneOnOneChatThatExistsGetsTheMessage(@TempDir Path unused) {
        try (FakeGraph graph = FakeGraph.start().answeringAsGraph()) {
            CliRunner runner = sender(graph);
            String first = runner.run("create", "--one-on-one", "-m", ALEX, "--message", "Welcome!").out();
            String again = runner.run("create", "--one-on-one", "-m", ALEX, "--message", "Welcome back").out();

            assertEquals(first, again);
            assertEquals(List.of("Welcome!", "Welcome back"),
                    graph.chats().messages().stream().map(FakeChats.Message::content).toList());
        }
    }

    @Test
    void anApplicationsCredentialIsRefusedBeforeAnythingIsSent() {
        String app = Tokens.unsigned("{\"roles\":[\"Chat.Create\"],\"tid\":\"t\"}");
        CliRunner.Result result = CliRunner.offline().env("CHAT_ACCESS_TOKEN", app)
                .run(with(INCIDENT, "-m", MEGAN_ID, "--message", "hello"));

        assertEquals(2, result.exitCode(), result::toString);
        assertEquals("", result.out());
        assertEquals("chat: --message needs a person's sign-in (chat login, or a person's token): Graph lets an "
                + "application post only when importing history; access token (CHAT_ACCESS_TOKEN) signs in as an "
                + "application (a bot can post for it)\n", result.err());
    }

    @Test
    void withoutThePermissionTheChatIdIsPrintedAndGraphsRefusalExplained() {
        String noSend = Tokens.unsigned("{\"scp\":\"Chat.Create\",\"oid\":\"" + MEGAN_ID + "\"}");
        try (FakeGraph graph = FakeGraph.start().reply(Reply.asGraph(), Reply.asGraph())) {
            CliRunner.Result result = CliRunner.against(graph).env("CHAT_ACCESS_TOKEN", noSend)
                    .run(with(INCIDENT, "--message", "hello"));

            assertEquals(4, result.exitCode(), result::toString);
            String chat = graph.chats().all().get(0).id();
            assertEquals(chat + "\n", result.out());
            assertTrue(result.err().startsWith("chat: the chat " + chat + " is there, but its message was not posted: "
                    + "Graph refused the request: 403 Forbidden: Missing scope permissions"), result::toString);
            assertTrue(result.err().contains("posting takes the ChatMessage.Send permission of a person's sign-in"),
                    result::toString);
            assertEquals(List.of(), graph.chats().messages());
        }
    }

    @Test
    void throttledThenTakenIsPostedOnce() {
        try (FakeGraph graph = FakeGraph.start().reply(Reply.asGraph(),
                Reply.graphError(429, "TooManyRequests", "Too many requests").header("Retry-After", "1"),
                Reply.asGraph())) {
            CliRunner.Result result = sender(graph).run(with(INCIDENT, "--message", "hello"));

            assertEquals(0, result.exitCode(), result::toString);
            assertEquals(2, graph.messagePosts().size());
            assertEquals(1, graph.chats().messages().size());
        }
    }

    static Stream<Arguments> answersThatLeaveItUnknown() {
        return Stream.of(
                Arguments.of("posted, then the connection dropped", Reply.createThenDropConnection(), 1),
                Arguments.of("the connection dropped", Reply.dropConnection(), 0),
                Arguments.of("500", Reply.graphError(500, "InternalServerError", "Something went wrong"), 0),
                Arguments.of("502", Reply.html(502, "<title>Bad Gateway</title>"), 0),
                Arguments.of("504", Reply.graphError(504, "GatewayTimeout", "timeout"), 0));
    }

    /** Graph may have taken it: never sent again, exit 5, the chat id still on stdout. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("answersThatLeaveItUnknown")
    void anAnswerThatMayHaveBeenLostIsNeverSentAgain(String name, Reply answer, int messagesInTheChat) {
        try (FakeGraph graph = FakeGraph.start().reply(Reply.asGraph(), answer)) {
            CliRunner.Result result = sender(graph).run(with(INCIDENT, "--message", "hello", "-o", "json"));

            assertEquals(5, result.exitCode(), result::toString);
            String chat = graph.chats().all().get(0).id();
            assertTrue(result.out().startsWith("{\"id\":\"" + chat + "\""), result::toString);
            assertTrue(!result.out().contains("postedMessage"), result::toString);
            assertTrue(result.err().startsWith("chat: the chat " + chat + " is there, and its message may have been "
                    + "posted, so it was not sent again (that could post it twice): look in the chat before posting it "
                    + "again: "), result::toString);
            assertTrue(result.err().contains("\"chatId\":\"" + chat + "\",\"mayHavePosted\":true"), result::toString);
            assertEquals(1, graph.messagePosts().size());
            assertEquals(messagesInTheChat, graph.chats().messages().size());
        }
    }

    @Test
    void graphsTooLargeIsExplained() {
        String nearTheLimit = "x".repeat(28 * 1024 - 10) + "é".repeat(5);
        try (FakeGraph graph = FakeGraph.start().reply(Reply.asGraph(), Reply.status(413))) {
            CliRunner.Result result = sender(graph).run(with(INCIDENT, "--message", nearTheLimit));

            assertEquals(4, result.exitCode(), result::toString);
            assertTrue(result.err().contains("413 Payload Too Large"), result::toString);
            assertTrue(result.err().contains("the message is larger than Teams takes (about 28 KB, HTML included)"),
                    result::toString);
        }
    }

    @Test
    void theMessageCanComeFromAFileOrFromStdin() throws Exception {
        Path file = Files.writeString(directory.resolve("welcome.html"), "<p>Welcome, Alex!</p>\n");
        try (FakeGraph graph = FakeGraph.start().answeringAsGraph()) {
            CliRunner.Result fromFile = sender(graph).run(with(INCIDENT, "--message-file", file.toString(), "--html"));
            CliRunner.Result fromStdin = sender(graph).stdin("Standing by\n").run(with(INCIDENT, "--message-file", "-"));

            assertEquals(0, fromFile.exitCode(), fromFile::toString);
            assertEquals(0, fromStdin.exitCode(), fromStdin::toString);
            assertEquals(List.of("<p>Welcome, Alex!</p>\n", "Standing by\n"),
                    graph.chats().messages().stream().map(FakeChats.Message::content).toList());
        }
    }

    @Test
    void aDryRunShowsBothRequests() {
        CliRunner.Result text = CliRunner.offline().run(with(INCIDENT, "--message", "hello", "--dry-run"));
        CliRunner.Result json = CliRunner.offline().run(with(INCIDENT, "--message", "<b>hi</b>", "--html", "--dry-run",
                "-o", "json"));

        assertEquals(0, text.exitCode(), text::toString);
        assertTrue(text.out().startsWith("POST https://graph.microsoft.com/v1.0/chats\n"), text::toString);
        assertTrue(text.out().contains("\n\nPOST https://graph.microsoft.com/v1.0/chats/{id of the chat}/messages\n"
                + "Content-Type: application/json\n\n{\n  \"body\": {\n    \"contentType\": \"text\",\n"
                + "    \"content\": \"hello\"\n  }\n}\n"), text::toString);
        assertTrue(json.out().endsWith(",\"message\":{\"contentType\":\"html\",\"content\":\"<b>hi</b>\"}}\n"),
                json::toString);
    }

    static Stream<Arguments> badMessages() throws Exception {
        Path latin1 = Files.createTempFile("latin1", ".txt");
        Files.write(latin1, "caf\u00e9".getBytes(StandardCharsets.ISO_8859_1));
        Path huge = Files.createTempFile("huge", ".txt");
        Files.writeString(huge, "x".repeat(1_000_000));
        return Stream.of(
                Arguments.of(new String[] {"--message", ""}, "the message is empty"),
                Arguments.of(new String[] {"--message", " \n\t"}, "the message is empty"),
                Arguments.of(new String[] {"--message", "é".repeat(15_000)}, "the message is 30000 bytes: Teams takes "
                        + "about 28 KB (28672 bytes of UTF-8, HTML included)"),
                Arguments.of(new String[] {"--html"}, "--html goes with --message or --message-file"),
                Arguments.of(new String[] {"--message", "a", "--message-file", "b"},
                        "give --message or --message-file, not both"),
                Arguments.of(new String[] {"--message-file", "/no/such/file"}, "--message-file /no/such/file: no such file"),
                Arguments.of(new String[] {"--message-file", latin1.toString()}, "--message-file " + latin1
                        + " is not UTF-8 text"),
                Arguments.of(new String[] {"--message-file", huge.toString()}, "--message-file " + huge
                        + " holds more than 28672 bytes"),
                Arguments.of(new String[] {"--message-file", huge.getParent().toString()}, " is a directory"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("badMessages")
    void aMessageThatCannotBePostedIsRefusedBeforeAnythingIsSent(String[] options, String expected) {
        CliRunner.Result result = CliRunner.offline().env("CHAT_ACCESS_TOKEN", SENDER).run(with(INCIDENT, options));

        assertEquals(2, result.exitCode(), result::toString);
        assertEquals("", result.out());
        assertTrue(result.err().startsWith("chat: ") && result.err().contains(expected), result::toString);
        assertEquals(1, result.err().lines().count(), result::toString);
    }
}
