package chat.bulk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.testing.ChatLines;
import chat.testing.CliRunner;
import chat.testing.FakeChats;
import chat.testing.FakeDirectory;
import chat.testing.FakeGraph;
import chat.testing.RecordedRequest;
import chat.testing.Reply;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `chat create --from`: every line created exactly once and reported once, whatever Graph does. Graph
 * answers the many requests of a run as it would, besides the faults each test scripts.
 */
class BulkCreateTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path directory;

    static List<String> lines(int count) {
        return ChatLines.generate(count);
    }

    private Path file(List<String> lines) throws IOException {
        Path file = Files.createTempFile(directory, "chats", ".jsonl");
        Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        return file;
    }

    private static String[] with(String[] base, String... more) {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(base), java.util.stream.Stream.of(more))
                .toArray(String[]::new);
    }

    /** Each chat line reported once, in input order, and created exactly once. */
    private static void assertEveryLineCreatedOnce(CliRunner.Result result, FakeGraph graph, List<Integer> lineNumbers) {
        List<JsonNode> results = result.jsonLines();
        assertEquals(lineNumbers, results.stream().map(r -> r.get("line").asInt()).toList(), result::toString);
        Set<String> ids = new HashSet<>();
        for (JsonNode line : results) {
            assertEquals("created", line.get("status").asText(), line::toString);
            assertTrue(ids.add(line.get("id").asText()), "an id reported twice: " + line);
        }
        assertEquals(0, graph.chats().duplicateGroups(), "no group chat made twice");
        assertEquals(ids, new HashSet<>(graph.chats().all().stream().map(FakeChats.Chat::id).toList()),
                "every chat made is one a line reported");
    }

    @Test
    void everyLineIsCreatedOnceAndReportedInInputOrder() throws IOException {
        List<String> lines = new ArrayList<>(lines(30));
        lines.add(7, "");
        lines.add(12, "   ");
        try (FakeGraph graph = FakeGraph.start().answeringAsGraph()) {
            CliRunner.Result result = CliRunner.against(graph).run("create", "--from", file(lines).toString());

            assertEquals(0, result.exitCode(), result::toString);
            List<Integer> numbers = new ArrayList<>();
            for (int i = 1; i <= 32; i++) {
                if (i != 8 && i != 13) {
                    numbers.add(i);
                }
            }
            assertEveryLineCreatedOnce(result, graph, numbers);
            assertTrue(result.err().matches("chat: 30 chats: 30 created, 0 existing, 0 failed, in \\S+ s \\(\\S+ a second\\)\n"),
                    result::toString);
        }
    }

    @Test
    void badLinesAreAllReportedAndNothingIsSent() throws IOException {
        List<String> lines = new ArrayList<>(lines(5));
        lines.set(1, lines.get(1).replace("hire1@contoso.com", "hire 1@contoso.com"));
        lines.add("{\"chatType\": \"group\", \"members\": []}");
        lines.add("not json");
        try (FakeGraph graph = FakeGraph.start()) {
            CliRunner.Result result = CliRunner.against(graph).run("create", "--from", file(lines).toString());

            assertEquals(2, result.exitCode(), result::toString);
            assertEquals("", result.out());
            List<String> errors = result.err().lines().toList();
            assertTrue(errors.get(0).startsWith("chat: line 2: 'hire 1@contoso.com' is not a valid user"), errors.get(0));
            assertTrue(errors.get(1).startsWith("chat: line 6: a group chat needs at least two people"), errors.get(1));
            assertTrue(errors.get(2).startsWith("chat: line 7: not JSON"), errors.get(2));
            assertEquals("chat: 3 of 7 lines are not a chat chat can create; nothing was sent", errors.get(3));
            assertEquals(List.of(), graph.requests());
        }
    }

    @Test
    void aByteOrderMarkBeforeTheFirstLineIsNoError() throws IOException {
        List<String> lines = new ArrayList<>(lines(2));
        lines.set(0, "\uFEFF" + lines.get(0));
        try (FakeGraph graph = FakeGraph.start().answeringAsGraph()) {
            CliRunner.Result result = CliRunner.against(graph).run("create", "--from", file(lines).toString());

            assertEquals(0, result.exitCode(), result::toString);
            assertEveryLineCreatedOnce(result, graph, List.of(1, 2));
        }
    }

    @Test
    void anInputWithNoChatsIsADayWithNothingToDo() throws IOException {
        try (FakeGraph graph = FakeGraph.start()) {
            CliRunner.Result result = CliRunner.against(graph).run("create", "--from", file(List.of("", "  ")).toString());

            assertEquals(0, result.exitCode(), result::toString);
            assertEquals("", result.out());
            assertEquals("chat: the input holds no chats: nothing to do\n", result.err());
            assertEquals(List.of(), graph.requests());
        }
    }

    @Test
    void aStormOfThrottlingIsRiddenOutWithNothingLostOrDoubled() throws IOException {
        List<String> lines = lines(40);
        try (FakeGraph graph = FakeGraph.start().answeringAsGraph()) {
            for (int i = 0; i < 60; i++) {
                graph.reply(Reply.graphError(429, "TooManyRequests", "Slow down").header("Retry-After", "0.5"));
            }
            CliRunner runner = CliRunner.against(graph);
            CliRunner.Result result = runner.run("create", "--from", file(lines).toString());

            assertEquals(0, result.exitCode(), result::toString);
            assertEveryLineCreatedOnce(result, graph, java.util.stream.IntStream.rangeClosed(1, 40).boxed().toList());
            assertTrue(runner.sleeper().waits().stream().anyMatch(wait -> wait.toMillis() >= 500),
                    "Retry-After was waited for");
        }
    }

    @Test
    void transientFaultsAreRetriedAndUnknownGroupOutcomesSettledByLooking() throws IOException {
        List<String> lines = lines(12);
        try (FakeGraph graph = FakeGraph.start().answeringAsGraph()) {
            // each fault aimed at one line: lines in flight together would otherwise share them by chance
            graph.replyToCreatesNaming("hire0@contoso.com", Reply.graphError(503, "ServiceUnavailable", "Busy"),
                            Reply.createThenDropConnection())
                    .replyToCreatesNaming("hire1@contoso.com", Reply.graphError(503, "ServiceUnavailable", "Busy"),
                            Reply.createThenDropConnection());
            CliRunner.Result result = CliRunner.against(graph)
                    .run("create", "--from", file(lines).toString(), "--if-exists", "reuse");

            assertEquals(0, result.exitCode(), result::toString);
            assertEveryLineCreatedOnce(result, graph, java.util.stream.IntStream.rangeClosed(1, 12).boxed().toList());
            assertEquals(3, graph.createsNaming("hire0@contoso.com").size(),
                    "the one-on-one is sent again after the drop: Graph gives back the chat it made");
            assertEquals(2, graph.createsNaming("hire1@contoso.com").size(),
                    "the group chat is not sent again after the drop: it is looked for, and found");
        }
    }

    @Test
    void withoutReuseAnUnknownOutcomeIsReportedNotResent() throws IOException {
        List<String> lines = lines(3).subList(1, 3); // two group chats
        try (FakeGraph graph = FakeGraph.start()) {
            graph.replyToCreates(Reply.createThenDropConnection(), Reply.asGraph());
            CliRunner.Result result = CliRunner.against(graph).run("create", "--from", file(lines).toString());

            assertEquals(5, result.exitCode(), result::toString);
            List<JsonNode> results = result.jsonLines();
            JsonNode failed = results.stream().filter(r -> r.get("status").asText().equals("failed")).findFirst().orElseThrow();
            assertTrue(failed.at("/error/mayHaveCreated").asBoolean(), failed::toString);
            assertEquals(5, failed.at("/error/exitCode").asInt());
            assertEquals(2, graph.requests().size(), "two lines, two requests: the unknown one is not sent again");
            assertEquals(2, graph.chats().all().size());
            assertTrue(result.err().contains("1 failed") && result.err().contains("exit 5"), result::toString);
        }
    }

    @Test
    void aJournalResumesWhereARunStoppedAndCreatesNothingTwice() throws IOException {
        List<String> lines = lines(9);
        Path journal = directory.resolve("journal.jsonl");
        try (FakeGraph graph = FakeGraph.start().answeringAsGraph()) {
            graph.replyToCreates(Reply.graphError(403, "Forbidden", "Not now"), Reply.graphError(403, "Forbidden", "Not now"));
            CliRunner.Result first = CliRunner.against(graph)
                    .run("create", "--from", file(lines).toString(), "--journal", journal.toString());
            assertEquals(4, first.exitCode(), first::toString);
            long failures = first.jsonLines().stream().filter(r -> r.get("status").asText().equals("failed")).count();
            assertEquals(2, failures);
            int sentBefore = graph.creates().size();

            CliRunner.Result second = CliRunner.against(graph)
                    .run("create", "--from", file(lines).toString(), "--journal", journal.toString());

            assertEquals(0, second.exitCode(), second::toString);
            assertEquals(sentBefore + 2, graph.creates().size(), "only the two failed lines are sent again");
            assertEveryLineCreatedOnce(second, graph, java.util.stream.IntStream.rangeClosed(1, 9).boxed().toList());
        }
    }

    @Test
    void aGroupCreateThatMadeNothingIsSentWhenTheRunIsResumed() throws IOException {
        List<String> lines = lines(3).subList(1, 3);
        Path journal = directory.resolve("journal.jsonl");
        try (FakeGraph graph = FakeGraph.start().answeringAsGraph()) {
            graph.replyToCreates(Reply.dropConnection()); // no chat made, and the client cannot know it
            CliRunner.Result first = CliRunner.against(graph)
                    .run("create", "--from", file(lines).toString(), "--journal", journal.toString());
            assertEquals(5, first.exitCode(), first::toString);
            assertEquals(1, graph.chats().all().size());
            int askedBefore = graph.requests().size();

            CliRunner resumer = CliRunner.against(graph);
            CliRunner.Result resumed = resumer.run("create", "--from", file(lines).toString(), "--journal",
                    journal.toString(), "--resend-after", "60");

            assertEquals(0, resumed.exitCode(), resumed::toString);
            List<RecordedRequest> resumedAsked = graph.requests().subList(askedBefore, graph.requests().size()).stream()
                    .filter(r -> !r.path().equals("/v1.0/$batch")).toList();
            assertEquals("GET", resumedAsked.get(0).method(), "the unknown line is looked for first");
            assertTrue(List.of(FakeDirectory.idOf("hire1@contoso.com"), FakeDirectory.idOf("hire2@contoso.com"))
                    .contains(resumedAsked.get(0).path().replaceAll("^/v1\\.0/users/|/chats$", "")), resumedAsked::toString);
            assertEquals("GET", resumedAsked.get(1).method(), "and again once the earlier send's time limit is over");
            assertEquals(2 + 1, resumedAsked.size(), "then sent, once");
            assertTrue(resumed.err().contains("its chat is not listed yet: Graph may still be making it until "),
                    resumed::toString);
            assertTrue(resumed.err().contains(" (--resend-after); looking again in "), resumed::toString);
            assertTrue(resumer.sleeper().waits().stream().anyMatch(wait -> wait.getSeconds() >= 60),
                    "the earlier send's time limit was waited out");
            assertEveryLineCreatedOnce(resumed, graph, List.of(1, 2));
        }
    }

    /**
     * Graph goes on with a create after chat stops waiting (--timeout 2 against a Graph that takes 5 s):
     * a run again at once finds no chat yet, and must not send it again, or there are two.
     */
    @Test
    void aCreateGraphFinishesAfterTheClientGaveUpIsNeverSentAgainBeforeItsMargin() throws Exception {
        List<String> lines = lines(2).subList(1, 2);
        Path journal = directory.resolve("journal.jsonl");
        String[] run = {"create", "--from", file(lines).toString(), "--journal", journal.toString(), "--timeout", "2"};
        try (FakeGraph graph = FakeGraph.start().answeringAsGraph().delayEachCreate(Duration.ofSeconds(5))) {
            CliRunner.Result first = CliRunner.against(graph).run(run);
            CliRunner.Result atOnce = CliRunner.against(graph).run(run);
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (graph.chats().all().isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            CliRunner later = CliRunner.against(graph);
            later.clock().advance(Duration.ofSeconds(600));
            CliRunner.Result afterTheMargin = later.run(run);

            assertEquals(5, first.exitCode(), first::toString);
            assertEquals(5, atOnce.exitCode(), atOnce::toString);
            JsonNode left = atOnce.jsonLines().get(0);
            assertEquals("failed", left.get("status").asText());
            assertTrue(left.at("/error/mayHaveCreated").asBoolean(), atOnce::toString);
            assertTrue(left.at("/error/message").asText().contains("and it is not there yet: Graph may still be at work "
                    + "on it, so it is not sent again before "), atOnce::toString);
            assertEquals(0, afterTheMargin.exitCode(), afterTheMargin::toString);
            assertEquals(1, graph.creates().size(), "sent once, by the first run");
            assertEquals(1, graph.chats().all().size());
            assertEquals(graph.chats().all().get(0).id(), afterTheMargin.jsonLines().get(0).get("id").asText());
            assertTrue(afterTheMargin.err().contains("found the chat an earlier run's send made"), afterTheMargin::toString);
        }
    }

    @Test
    void aLookThatFailsLeavesTheLineUnsettledForTheNextRun() throws IOException {
        List<String> lines = lines(2).subList(1, 2);
        Path input = file(lines);
        Path journal = directory.resolve("journal.jsonl");
        try (FakeGraph graph = FakeGraph.start().answeringAsGraph()) {
            // A run killed after sending the line, which Graph made.
            String sent = new CliRunner().run("create", "--from", input.toString(), "--dry-run").out().strip();
            graph.chats().seedGroup(JSON.readTree(sent).get("topic").asText(), Instant.now(), "hire1@contoso.com",
                    "buddy1@contoso.com", "lead@contoso.com");
            Instant sentAt = Instant.now().minusSeconds(120);
            Files.writeString(journal, JournalLines.header(1) + JournalLines.sending(sent, 1, sentAt, sentAt.plusSeconds(60)),
                    StandardCharsets.UTF_8);
            graph.replyToListings(Reply.graphError(403, "Forbidden", "Missing scope permissions on the request."));

            CliRunner.Result refused = CliRunner.against(graph)
                    .run("create", "--from", input.toString(), "--journal", journal.toString());
            CliRunner.Result resumed = CliRunner.against(graph)
                    .run("create", "--from", input.toString(), "--journal", journal.toString());

            assertEquals(4, refused.exitCode(), refused::toString);
            JsonNode error = refused.jsonLines().get(0).get("error");
            assertTrue(error.get("mayHaveCreated").asBoolean(), refused::toString);
            assertTrue(error.get("message").asText().contains("may have created it"), refused::toString);
            assertEquals(0, resumed.exitCode(), resumed::toString);
            assertEquals(0, graph.creates().size(),
                    "the chat is found by the second look, never sent again");
            assertEveryLineCreatedOnce(resumed, graph, List.of(1));
        }
    }

    @Test
    void aLineCaughtSendingIsSettledByLookingNeverBySendingBlind() throws IOException {
        List<String> lines = lines(3).subList(1, 3);
        Path input = file(lines);
        Path journal = directory.resolve("journal.jsonl");
        try (FakeGraph graph = FakeGraph.start().answeringAsGraph()) {
            // A run killed after sending line 1 (made in Graph) and line 2 (never arrived).
            CliRunner.Result dry = new CliRunner().run("create", "--from", input.toString(), "--dry-run");
            List<String> sent = dry.out().lines().toList();
            JsonNode first = JSON.readTree(sent.get(0));
            graph.chats().seedGroup(first.get("topic").asText(), Instant.now(), "hire1@contoso.com", "buddy1@contoso.com",
                    "lead@contoso.com");
            Instant sentAt = Instant.now().minusSeconds(120);
            Files.writeString(journal, JournalLines.header(1)
                    + JournalLines.sending(sent.get(0), 1, sentAt, sentAt.plusSeconds(60))
                    + JournalLines.sending(sent.get(1), 2, sentAt, sentAt.plusSeconds(60))
                    + "{\"chat\":\"" + JournalLines.key(sent.get(1), 1) + "\",\"li", StandardCharsets.UTF_8); // cut off mid-write

            CliRunner.Result resumed = CliRunner.against(graph)
                    .run("create", "--from", input.toString(), "--journal", journal.toString(), "--resend-after", "60");

            assertEquals(0, resumed.exitCode(), resumed::toString);
            assertEquals(1, graph.creates().size(),
                    "only the line that never arrived is sent");
            assertEveryLineCreatedOnce(resumed, graph, List.of(1, 2));
        }
    }

    @Test
    void theSamePeopleTwiceWithReuseMakeOneChat() throws IOException {
        String line = lines(2).get(1);
        try (FakeGraph graph = FakeGraph.start().answeringAsGraph()) {
            CliRunner.Result result = CliRunner.against(graph)
                    .run("create", "--from", file(List.of(line, line, line)).toString(), "--if-exists", "reuse");

            assertEquals(0, result.exitCode(), result::toString);
            List<JsonNode> results = result.jsonLines();
            assertEquals(1, graph.chats().all().size());
            assertEquals(List.of("created", "existing", "existing"), results.stream().map(r -> r.get("status").asText()).toList());
            assertEquals(1, results.stream().map(r -> r.get("id").asText()).distinct().count());
        }
    }

    @Test
    void linesComeFromStdinAndADryRunPrintsWhatWouldBeSent() throws IOException {
        List<String> lines = lines(4);
        try (FakeGraph graph = FakeGraph.start().answeringAsGraph()) {
            CliRunner.Result dry = CliRunner.against(graph).stdin(String.join("\n", lines))
                    .run("create", "--from", "-", "--dry-run");
            assertEquals(0, dry.exitCode(), dry::toString);
            assertEquals(lines, dry.out().lines().toList());
            assertEquals(List.of(), graph.requests());

            CliRunner.Result sent = CliRunner.against(graph).stdin(String.join("\n", lines)).run("create", "--from", "-");
            assertEquals(0, sent.exitCode(), sent::toString);
            assertEveryLineCreatedOnce(sent, graph, List.of(1, 2, 3, 4));
        }
    }

    @Test
    void aPersonsSignInAddsThemToEveryLine() throws IOException {
        String me = "6e1c9b7d-3a3f-4b55-9a40-2f0c6a1d7e11";
        String token = chat.testing.Tokens.unsigned("{\"scp\":\"Chat.Create\",\"oid\":\"" + me
                + "\",\"upn\":\"megan@contoso.com\"}");
        Path input = file(List.of("{\"chatType\":\"oneOnOne\",\"members\":[{\"@odata.type\":"
                + "\"#microsoft.graph.aadUserConversationMember\",\"roles\":[\"owner\"],\"user@odata.bind\":"
                + "\"https://graph.microsoft.com/v1.0/users('alex@contoso.com')\"}]}"));
        try (FakeGraph graph = FakeGraph.start()) {
            graph.reply(Reply.asGraph());
            CliRunner.Result result = CliRunner.against(graph).env("CHAT_ACCESS_TOKEN", token)
                    .run("create", "--from", input.toString());

            assertEquals(0, result.exitCode(), result::toString);
            assertEquals(2, graph.requests().get(0).json().get("members").size());
        }
    }

    @Test
    void optionsOfOneChatDoNotGoWithFrom() throws IOException {
        Path input = file(lines(1));
        CliRunner.Result mixed = new CliRunner().run("create", "--from", input.toString(), "-m", "alex@contoso.com");
        assertEquals(2, mixed.exitCode());
        assertTrue(mixed.err().startsWith("chat: --from takes every chat from its file"), mixed::toString);

        CliRunner.Result journal = new CliRunner().run("create", "--one-on-one", "-m", "a@contoso.com", "-m",
                "b@contoso.com", "--journal", "j.jsonl");
        assertEquals(2, journal.exitCode());
        assertFalse(journal.err().contains("Exception"));
        assertTrue(journal.err().startsWith("chat: --journal goes with --from"), journal::toString);
    }
}
