package chat.bulk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.testing.CliRunner;
import chat.testing.FakeChats;
import chat.testing.FakeGraph;
import chat.testing.Tokens;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --from lines with a "message": each posted once into its chat, and never twice, whatever a run before did. */
class BulkMessagesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MEGAN_ID = "6e1c9b7d-3a3f-4b55-9a40-2f0c6a1d7e11";
    /** A person's token that may create chats, post into them and read their messages. */
    private static final String SENDER = token("Chat.Create Chat.Read ChatMessage.Send");
    private static final String GRAPH = "https://graph.microsoft.com";

    @TempDir
    Path directory;

    private static String token(String scopes) {
        return Tokens.unsigned("{\"scp\":\"" + scopes + "\",\"oid\":\"" + MEGAN_ID + "\",\"upn\":\"megan@contoso.com\"}");
    }

    /** A line as the tool writes it: {@code chat create … --dry-run -o json}. */
    private static String line(String... args) {
        List<String> command = new ArrayList<>(List.of("create"));
        command.addAll(List.of(args));
        command.addAll(List.of("--dry-run", "-o", "json"));
        CliRunner.Result body = new CliRunner().run(command.toArray(String[]::new));
        assertEquals(0, body.exitCode(), body::toString);
        return body.out().strip();
    }

    private static final String WELCOME = line("--group", "--topic", "Welcome", "-m", "hire@contoso.com", "-m",
            "lead@contoso.com", "--message", "Welcome aboard!");
    private static final String ONE_ON_ONE = line("--one-on-one", "-m", "lead@contoso.com", "--message",
            "<b>Hi</b>", "--html");
    private static final String PLAIN = line("--group", "--topic", "No message", "-m", "hire@contoso.com", "-m",
            "buddy@contoso.com");

    private Path file(String name, List<String> lines) throws IOException {
        return Files.writeString(directory.resolve(name), String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    }

    private static CliRunner.Result bulk(CliRunner runner, Path input, Path journal, String... more) {
        List<String> args = new ArrayList<>(List.of("create", "--from", input.toString(), "--journal", journal.toString()));
        args.addAll(List.of(more));
        return runner.run(args.toArray(String[]::new));
    }

    private static Map<String, List<String>> messagesByChat(FakeGraph graph) {
        return graph.chats().messages().stream().collect(Collectors.groupingBy(FakeChats.Message::chatId,
                Collectors.mapping(FakeChats.Message::content, Collectors.toList())));
    }

    /** The record a run writes before it posts, as if it had been cut off after the post went. */
    private static String posting(String body, int line, String chatId, Instant at, Instant until) {
        return "{\"chat\":\"" + JournalLines.key(body, 1) + "\",\"line\":" + line + ",\"state\":\"posting\",\"id\":\""
                + chatId + "\",\"at\":\"" + at + "\",\"until\":\"" + until + "\"}\n";
    }

    @Test
    void everyLinesMessageIsPostedOnceIntoItsChatAndARunAgainPostsNothing() throws IOException {
        Path input = file("in.jsonl", List.of(WELCOME, PLAIN, ONE_ON_ONE));
        Path journal = directory.resolve("journal");
        try (FakeGraph graph = FakeGraph.start().answeringAsGraph()) {
            CliRunner runner = CliRunner.against(graph).env("CHAT_ACCESS_TOKEN", SENDER);
            CliRunner.Result first = bulk(runner, input, journal);
            CliRunner.Result again = bulk(runner, input, journal);

            assertEquals(0, first.exitCode(), first::toString);
            List<JsonNode> results = first.jsonLines();
            Map<String, FakeChats.Message> posted = graph.chats().messages().stream()
                    .collect(Collectors.toMap(FakeChats.Message::chatId, message -> message));
            assertEquals(Map.of(results.get(0).get("id").asText(), List.of("Welcome aboard!"),
                    results.get(2).get("id").asText(), List.of("<b>Hi</b>")), messagesByChat(graph));
            for (int i : new int[] {0, 2}) {
                FakeChats.Message message = posted.get(results.get(i).get("id").asText());
                assertEquals(JSON.createObjectNode().put("id", message.id())
                        .put("createdDateTime", message.created().toString()), results.get(i).get("postedMessage"));
            }
            assertEquals("html", posted.get(results.get(2).get("id").asText()).contentType());
            assertTrue(results.get(1).path("postedMessage").isMissingNode(), results::toString);

            assertEquals(0, again.exitCode(), again::toString);
            assertEquals(3, graph.creates().size(), "nothing created again");
            assertEquals(2, graph.messagePosts().size(), "nothing posted again");
            List<JsonNode> shown = again.jsonLines();
            for (int i : new int[] {0, 2}) {
                assertEquals(results.get(i).get("postedMessage"), shown.get(i).get("postedMessage"),
                        "the message's id and time, from the record");
            }
            assertEquals(List.of("created", "created", "created"),
                    shown.stream().map(result -> result.get("status").asText()).toList());
        }
    }

    @Test
    void aPostGraphRefusesFailsItsLineWithTheChatIdAndTheOthersAreDone() throws IOException {
        Path input = file("in.jsonl", List.of(PLAIN, WELCOME, line("--one-on-one", "-m", "lead@contoso.com")));
        try (FakeGraph graph = FakeGraph.start().answeringAsGraph()) {
            CliRunner.Result result = bulk(CliRunner.against(graph).env("CHAT_ACCESS_TOKEN", token("Chat.Create Chat.Read")),
                    input, directory.resolve("journal"));

            assertEquals(4, result.exitCode(), result::toString);
            List<JsonNode> results = result.jsonLines();
            assertEquals(List.of("created", "failed", "created"),
                    results.stream().map(line -> line.get("status").asText()).toList());
            String chat = results.get(1).get("id").asText();
            assertTrue(graph.chats().all().stream().anyMatch(made -> made.id().equals(chat)), result::toString);
            JsonNode error = results.get(1).get("error");
            assertEquals(List.of(4, 403, chat, false), List.of(error.get("exitCode").asInt(), error.get("status").asInt(),
                    error.get("chatId").asText(), error.get("mayHavePosted").asBoolean()));
            assertTrue(error.get("message").asText().startsWith("the chat " + chat + " is there, but its message was "
                    + "not posted"), error::toString);
            assertEquals(List.of(), graph.chats().messages());
        }
    }

    @Test
    void aPostRecordedAsGoingWhoseMessageIsInTheChatIsNotPostedAgain() throws IOException {
        Path input = file("in.jsonl", List.of(WELCOME));
        Path journal = directory.resolve("journal");
        try (FakeGraph graph = FakeGraph.start().answeringAsGraph()) {
            CliRunner runner = CliRunner.against(graph).env("CHAT_ACCESS_TOKEN", SENDER);
            CliRunner.Result first = bulk(runner, input, journal);
            String chat = first.jsonLines().get(0).get("id").asText();
            FakeChats.Message message = graph.chats().messages().get(0);
            // Cut off after the post went: its "posted" record lost, the "posting" one the last.
            Instant at = message.created().minusMillis(200);
            Files.writeString(journal, posting(WELCOME, 1, chat, at, at.plusSeconds(60)), StandardOpenOption.APPEND);

            CliRunner.Result resumed = bulk(runner, input, journal);

            assertEquals(0, resumed.exitCode(), resumed::toString);
            assertEquals(1, graph.messagePosts().size(), "found in the chat, not posted again");
            assertEquals(1, graph.creates().size());
            assertEquals(message.id(), resumed.jsonLines().get(0).at("/postedMessage/id").asText(), resumed::toString);
            assertTrue(resumed.err().contains("chat: line 1: found the message an earlier run posted: " + message.id()),
                    resumed::toString);
            assertTrue(noLongWait(runner), "found at once: no time limit waited out: " + runner.sleeper().waits());
            assertTrue(Files.readString(journal).endsWith("\"state\":\"posted\",\"id\":\"" + chat + "\",\"message\":\""
                    + message.id() + "\",\"messageAt\":\"" + message.created() + "\"}\n"), () -> readQuietly(journal));
            assertEquals(message.created().toString(), resumed.jsonLines().get(0).at("/postedMessage/createdDateTime")
                    .asText(), "the time of the message found");
        }
    }

    /** A first run that made the line's chat and could not post into it (no ChatMessage.Send): the chat's id. */
    private static String chatMadeWithoutItsMessage(FakeGraph graph, Path input, Path journal) {
        bulk(CliRunner.against(graph).env("CHAT_ACCESS_TOKEN", token("Chat.Create Chat.Read")), input, journal);
        return graph.chats().all().get(0).id();
    }

    @Test
    void aPostRecordedAsGoingWhoseMessageIsNotThereIsPostedOnceItsTimeLimitHasPassed() throws IOException {
        Path input = file("in.jsonl", List.of(WELCOME));
        Path journal = directory.resolve("journal");
        try (FakeGraph graph = FakeGraph.start().answeringAsGraph()) {
            // The next run posts, and is cut off before the answer.
            String chat = chatMadeWithoutItsMessage(graph, input, journal);
            CliRunner runner = CliRunner.against(graph).env("CHAT_ACCESS_TOKEN", SENDER);
            Instant at = runner.clock().instant().minusSeconds(90);
            Files.writeString(journal, posting(WELCOME, 1, chat, at, at.plusSeconds(60)), StandardOpenOption.APPEND);

            CliRunner.Result resumed = bulk(runner, input, journal, "--resend-after", "30");

            assertEquals(0, resumed.exitCode(), resumed::toString);
            assertEquals(Map.of(chat, List.of("Welcome aboard!")), messagesByChat(graph), "posted once");
            assertEquals(1, graph.creates().size());
            assertTrue(resumed.err().contains("is not in the chat: posting it"), resumed::toString);
            assertTrue(noLongWait(runner), "its time limit long passed: not waited out: " + runner.sleeper().waits());
        }
    }

    /** Graph goes on with a post after chat stops waiting: minutes later it may still land, so it is not made again yet. */
    @Test
    void aPostRecordedAsGoingMinutesAgoIsLeftForALaterRunUntilItsMarginHasPassed() throws IOException {
        Path input = file("in.jsonl", List.of(WELCOME));
        Path journal = directory.resolve("journal");
        try (FakeGraph graph = FakeGraph.start().answeringAsGraph()) {
            String chat = chatMadeWithoutItsMessage(graph, input, journal);
            CliRunner runner = CliRunner.against(graph).env("CHAT_ACCESS_TOKEN", SENDER);
            Instant at = runner.clock().instant().minusSeconds(90);
            Files.writeString(journal, posting(WELCOME, 1, chat, at, at.plusSeconds(60)), StandardOpenOption.APPEND);

            CliRunner.Result soon = bulk(runner, input, journal);
            runner.clock().advance(java.time.Duration.ofSeconds(600));
            CliRunner.Result later = bulk(runner, input, journal);

            assertEquals(5, soon.exitCode(), soon::toString);
            JsonNode left = soon.jsonLines().get(0);
            assertEquals(chat, left.get("id").asText());
            assertTrue(left.at("/error/mayHavePosted").asBoolean(), soon::toString);
            assertTrue(left.at("/error/message").asText().contains("an earlier run posted its message at " + at
                    + " and it is not there yet: Graph may still be at work on it, so it is not sent again before "
                    + at.plusSeconds(602) + " (--resend-after)"), soon::toString);
            assertTrue(noLongWait(runner), "left, not waited for: " + runner.sleeper().waits());
            assertEquals(0, later.exitCode(), later::toString);
            assertEquals(Map.of(chat, List.of("Welcome aboard!")), messagesByChat(graph), "posted once, by the later run");
        }
    }

    @Test
    void aPostRecordedAsGoingIsWaitedForWhileItsTimeLimitRunsAndPostedOnlyAfter() throws IOException {
        Path input = file("in.jsonl", List.of(WELCOME));
        Path journal = directory.resolve("journal");
        try (FakeGraph graph = FakeGraph.start().answeringAsGraph()) {
            String chat = chatMadeWithoutItsMessage(graph, input, journal);
            CliRunner runner = CliRunner.against(graph).env("CHAT_ACCESS_TOKEN", SENDER);
            Instant at = runner.clock().instant().minusSeconds(1);
            Files.writeString(journal, posting(WELCOME, 1, chat, at, at.plusSeconds(30)), StandardOpenOption.APPEND);

            CliRunner.Result resumed = bulk(runner, input, journal, "--resend-after", "30");

            assertEquals(0, resumed.exitCode(), resumed::toString);
            assertEquals(Map.of(chat, List.of("Welcome aboard!")), messagesByChat(graph));
            assertTrue(runner.sleeper().waits().stream().reduce(java.time.Duration.ZERO, java.time.Duration::plus)
                    .compareTo(java.time.Duration.ofSeconds(31)) >= 0,
                    "waited out the earlier post's time limit and the listing's lag: " + runner.sleeper().waits());
            assertTrue(resumed.err().contains("chat: line 1: an earlier run posted its message at " + at), resumed::toString);
        }
    }

    @Test
    void aPostRecordedAsGoingWhoseChatsMessagesCannotBeListedIsNeverPostedBlind() throws IOException {
        Path input = file("in.jsonl", List.of(WELCOME));
        Path journal = directory.resolve("journal");
        try (FakeGraph graph = FakeGraph.start().answeringAsGraph()) {
            String withoutRead = token("Chat.Create ChatMessage.Send");
            CliRunner runner = CliRunner.against(graph).env("CHAT_ACCESS_TOKEN", withoutRead);
            String chat = bulk(runner, input, journal).jsonLines().get(0).get("id").asText();
            Instant at = runner.clock().instant().minusSeconds(90);
            Files.writeString(journal, posting(WELCOME, 1, chat, at, at.plusSeconds(60)), StandardOpenOption.APPEND);

            CliRunner.Result resumed = bulk(runner, input, journal);

            assertEquals(5, resumed.exitCode(), resumed::toString);
            assertEquals(1, graph.messagePosts().size(), "the first run's post only");
            JsonNode result = resumed.jsonLines().get(0);
            assertEquals(List.of("failed", chat, chat, true, 403), List.of(result.get("status").asText(),
                    result.get("id").asText(), result.at("/error/chatId").asText(),
                    result.at("/error/mayHavePosted").asBoolean(), result.at("/error/status").asInt()));
            assertTrue(result.at("/error/message").asText().contains("may have been posted, so it was not sent again"),
                    result::toString);
        }
    }

    @Test
    void anApplicationsCredentialIsRefusedBeforeAnythingIsSent() throws IOException {
        Path input = file("in.jsonl", List.of(PLAIN, WELCOME));
        String app = Tokens.unsigned("{\"roles\":[\"Chat.Create\"],\"tid\":\"t\"}");
        try (FakeGraph graph = FakeGraph.start()) {
            CliRunner.Result result = CliRunner.against(graph).env("CHAT_ACCESS_TOKEN", app)
                    .run("create", "--from", input.toString());

            assertEquals(2, result.exitCode(), result::toString);
            assertEquals("", result.out());
            assertEquals("chat: line 2 holds a \"message\", which needs a person's sign-in (chat login, or a person's "
                    + "token): Graph lets an application post only when importing history; access token "
                    + "(CHAT_ACCESS_TOKEN) signs in as an application; nothing was sent\n", result.err());
            assertEquals(List.of(), graph.requests());
        }
    }

    static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> messagesThatCannotBePosted() {
        String big = "x".repeat(chat.request.ChatMessage.MAX_BYTES + 1);
        return java.util.stream.Stream.of(
                org.junit.jupiter.params.provider.Arguments.of("\"   \"",
                        "'message' is empty: give text to post, or leave it out"),
                org.junit.jupiter.params.provider.Arguments.of("{\"contentType\":\"text\",\"content\":\"\"}",
                        "'message' is empty: give text to post, or leave it out"),
                org.junit.jupiter.params.provider.Arguments.of("{\"content\":\"hi\",\"importance\":\"high\"}",
                        "unknown property 'message.importance'"),
                org.junit.jupiter.params.provider.Arguments.of("{\"contentType\":\"markdown\",\"content\":\"hi\"}",
                        "'message.contentType' 'markdown' is neither text nor html"),
                org.junit.jupiter.params.provider.Arguments.of("{\"content\":\"hi\"}", "'message.contentType' must be a string"),
                org.junit.jupiter.params.provider.Arguments.of("42", "'message' must be the message's text, or "
                        + "{\"contentType\": \"text\"|\"html\", \"content\": \"…\"}"),
                org.junit.jupiter.params.provider.Arguments.of("\"" + big + "\"", "'message': the message is "
                        + big.length() + " bytes: Teams takes about 28 KB (28672 bytes of UTF-8, HTML included); "
                        + "shorten it or post the rest as a file"));
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.MethodSource("messagesThatCannotBePosted")
    void aLineWhoseMessageCannotBePostedIsRefusedWithItsNumberAndNothingIsSent(String message, String why)
            throws IOException {
        String bad = PLAIN.substring(0, PLAIN.length() - 1) + ",\"message\":" + message + "}";
        Path input = file("in.jsonl", List.of(WELCOME, bad));
        try (FakeGraph graph = FakeGraph.start()) {
            CliRunner.Result result = CliRunner.against(graph).env("CHAT_ACCESS_TOKEN", SENDER)
                    .run("create", "--from", input.toString());

            assertEquals(2, result.exitCode(), result::toString);
            assertEquals("", result.out());
            assertEquals("chat: line 2: " + why + "\nchat: 1 of 2 lines is not a chat chat can create; nothing was sent\n",
                    result.err());
            assertEquals(List.of(), graph.requests());
        }
    }

    @Test
    void aDryRunPrintsEachLineWithItsMessage() throws IOException {
        Path input = file("in.jsonl", List.of(WELCOME, PLAIN, ONE_ON_ONE));
        CliRunner.Result result = CliRunner.offline().run("create", "--from", input.toString(), "--dry-run");

        assertEquals(0, result.exitCode(), result::toString);
        assertEquals(String.join("\n", WELCOME, PLAIN, ONE_ON_ONE) + "\n", result.out());
    }

    @Test
    void theKeyOfALineWithoutAMessageIsItsBodysAndAMessageMakesAnotherLine() {
        String body = PLAIN;
        String withMessage = body.substring(0, body.length() - 1) + ",\"message\":\"hello\"}";
        String otherMessage = body.substring(0, body.length() - 1) + ",\"message\":{\"contentType\":\"text\","
                + "\"content\":\"bye\"}}";
        String bodyAlone = BulkInput.digest(chat.request.ChatRequestBody.parseLine(body, GRAPH, false).draft(), null);

        assertEquals(bodyAlone + "#1", JournalLines.textKey(body, 1), "as journals of format 1 keyed it");
        assertEquals(3, java.util.Set.of(JournalLines.key(body, 1), JournalLines.key(withMessage, 1),
                JournalLines.key(otherMessage, 1)).size());
        assertEquals(3, java.util.Set.of(JournalLines.textKey(body, 1), JournalLines.textKey(withMessage, 1),
                JournalLines.textKey(otherMessage, 1)).size());
    }

    /** The pacer's waits between requests aside, nothing was waited for. */
    private static boolean noLongWait(CliRunner runner) {
        return runner.sleeper().waits().stream().allMatch(wait -> wait.compareTo(java.time.Duration.ofSeconds(1)) < 0);
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return e.toString();
        }
    }
}
