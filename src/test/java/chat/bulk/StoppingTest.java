package chat.bulk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.testing.ChatLines;
import chat.testing.CliRunner;
import chat.testing.FakeChats;
import chat.testing.FakeGraph;
import chat.testing.Reply;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every way a run can end, in-process: Ctrl-C, a sign-in that fails, a Retry-After of an hour. */
class StoppingTest {
    private static final List<String> LINES = ChatLines.generate(40);
    private static final String[] GROUP = {"create", "--group", "--topic", "Incident 42", "-m", "jacob@contoso.com",
        "-m", "alex@contoso.com"};

    @TempDir
    Path directory;

    private Path input(List<String> lines) throws IOException {
        Path file = directory.resolve("in.jsonl");
        Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        return file;
    }

    /** Each line reported once, in order; every chat Graph made is one a line reported. */
    private static void assertEachLineOnce(CliRunner.Result result, FakeGraph graph, int lines) {
        List<JsonNode> results = result.jsonLines();
        assertEquals(IntStream.rangeClosed(1, lines).boxed().toList(),
                results.stream().map(r -> r.get("line").asInt()).toList(), result::toString);
        Set<String> reported = new HashSet<>();
        results.stream().filter(r -> r.has("id")).forEach(r -> reported.add(r.get("id").asText()));
        assertEquals(reported, new HashSet<>(graph.chats().all().stream().map(FakeChats.Chat::id).toList()));
        assertEquals(0, graph.chats().duplicateGroups());
    }

    /** The grace is waited in real time, whatever clock the run is given (here one that moves only when slept). */
    @Test
    void afterCtrlCWhatIsInFlightGetsItsGraceAndNoMore() throws Exception {
        Path input = input(List.of(LINES.get(1), LINES.get(2)));
        java.util.concurrent.CountDownLatch answered = new java.util.concurrent.CountDownLatch(1);
        try (FakeGraph graph = FakeGraph.start().answeringAsGraph().holdCreatesFrom(1, answered)) {
            CliRunner runner = CliRunner.against(graph);
            Thread signaller = new Thread(() -> {
                while (graph.creates().size() < 2) {
                    Thread.onSpinWait();
                }
                runner.signals().send();
            });
            signaller.start();
            CliRunner.Result stopped = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(Duration.ofSeconds(30),
                    () -> runner.run("create", "--from", input.toString()), "the grace ran out");
            answered.countDown();

            assertEquals(130, stopped.exitCode(), stopped::toString);
            for (JsonNode line : stopped.jsonLines()) {
                assertTrue(line.at("/error/message").asText().startsWith("no answer yet when the run stopped"),
                        line::toString);
            }
        }
    }

    @Test
    void ctrlCStopsSendingReportsEveryLineAndTheJournalGoesOnFromThere() throws IOException {
        // more lines than a run has in flight at once, all held until the Ctrl-C: some are certainly still to send
        int lines = BulkCreate.LINES_AT_ONCE + LINES.size();
        Path input = input(ChatLines.generate(lines));
        Path journal = directory.resolve("journal");
        AtomicInteger creates = new AtomicInteger();
        java.util.concurrent.CountDownLatch signalled = new java.util.concurrent.CountDownLatch(1);
        try (FakeGraph graph = FakeGraph.start().answeringAsGraph().delayEachCreate(Duration.ofMillis(30))
                .holdCreatesFrom(1, signalled)) {
            CliRunner runner = CliRunner.against(graph);
            for (int i = 0; i < 10; i++) {
                graph.replyToCreates(Reply.asGraph().whenReceived(() -> {
                    if (creates.incrementAndGet() == 10) {
                        runner.signals().send();
                        signalled.countDown();
                    }
                }));
            }
            CliRunner.Result stopped = runner.run("create", "--from", input.toString(), "--journal", journal.toString());

            assertEquals(130, stopped.exitCode(), stopped::toString);
            assertEachLineOnce(stopped, graph, lines);
            List<JsonNode> skipped = stopped.jsonLines().stream().filter(r -> r.get("status").asText().equals("skipped"))
                    .toList();
            assertFalse(skipped.isEmpty(), stopped::toString);
            for (JsonNode line : skipped) {
                assertEquals(130, line.at("/error/exitCode").asInt(), line::toString);
                assertEquals("not sent: the run was stopped (Ctrl-C or SIGTERM)", line.at("/error/message").asText());
            }
            assertTrue(stopped.err().startsWith("chat: stopping: nothing more is sent; what is in flight gets up to 5 s to "
                    + "answer (a second Ctrl-C or SIGTERM stops at once)\n"), "the stop is said as it comes: " + stopped);
            assertTrue(stopped.err().matches("(?s).*chat: stopped: \\d+ of " + lines + " chats done \\(\\d+ created, "
                    + "0 existing, 0 failed, \\d+ skipped, in .*; the same command with the same --journal goes on from there\n"),
                    stopped::toString);

            CliRunner.Result resumed = CliRunner.against(graph)
                    .run("create", "--from", input.toString(), "--journal", journal.toString());

            assertEquals(0, resumed.exitCode(), resumed::toString);
            assertEachLineOnce(resumed, graph, lines);
            assertTrue(resumed.jsonLines().stream().allMatch(r -> r.get("status").asText().equals("created")));
        }
    }

    @Test
    void aSignInThatFailsStopsTheRunAndEveryLineLeftSaysWhy() throws IOException {
        // more lines than a run has in flight at once, so that some are still to send when the sign-in fails
        int lines = BulkCreate.LINES_AT_ONCE + LINES.size();
        Path input = input(ChatLines.generate(lines));
        try (FakeGraph graph = FakeGraph.start().answeringAsGraph().delayEachCreate(Duration.ofMillis(20))) {
            graph.replyToCreates(Reply.graphError(401, "InvalidAuthenticationToken", "Access token has expired."));
            CliRunner.Result result = CliRunner.against(graph).run("create", "--from", input.toString());

            assertEquals(3, result.exitCode(), result::toString);
            assertEachLineOnce(result, graph, lines);
            List<JsonNode> notCreated = result.jsonLines().stream().filter(r -> !r.get("status").asText().equals("created"))
                    .toList();
            assertTrue(notCreated.stream().anyMatch(r -> r.get("status").asText().equals("skipped")), result::toString);
            for (JsonNode line : notCreated) {
                assertEquals(3, line.at("/error/exitCode").asInt(), line::toString);
            }
        }
    }

    /** Every line's request would reach Graph without its token as the first did: the run stops there. */
    @Test
    void aTokenGraphNeverReceivesStopsTheRun() throws IOException {
        int lines = BulkCreate.LINES_AT_ONCE + LINES.size();
        Path input = input(ChatLines.generate(lines));
        try (FakeGraph graph = FakeGraph.start()) {
            CliRunner.Result result = CliRunner.against(graph).sendingThrough(CliRunner.losingHeader("Authorization"))
                    .run("create", "--from", input.toString());

            assertEquals(1, result.exitCode(), result::toString);
            List<JsonNode> reported = result.jsonLines();
            assertEquals(lines, reported.size(), result::toString);
            assertTrue(reported.stream().anyMatch(r -> r.get("status").asText().equals("skipped")), result::toString);
            for (JsonNode line : reported) {
                assertEquals(1, line.at("/error/exitCode").asInt(), line::toString);
            }
            assertTrue(graph.requests().size() < lines, "the run stopped sending: " + graph.requests().size());
            assertEquals(List.of(), graph.chats().all());
        }
    }

    @Test
    void aRetryAfterOfAnHourDelaysItsLineNotTheRun() throws IOException {
        Path input = input(LINES.subList(0, 12));
        try (FakeGraph graph = FakeGraph.start().answeringAsGraph()) {
            graph.replyToCreates(Reply.asGraph(), Reply.asGraph(),
                    Reply.graphError(429, "TooManyRequests", "Slow down").header("Retry-After", "3600"));
            CliRunner runner = CliRunner.against(graph);
            CliRunner.Result result = runner.run("create", "--from", input.toString());

            assertEquals(5, result.exitCode(), result::toString);
            assertEachLineOnce(result, graph, 12);
            List<JsonNode> failed = result.jsonLines().stream().filter(r -> r.get("status").asText().equals("failed")).toList();
            assertEquals(1, failed.size(), result::toString);
            assertTrue(failed.get(0).at("/error/message").asText().contains("Graph asked to be called again in 3600 s (at "), result::toString);
            assertEquals(11, graph.chats().all().size(), "every other line made its chat");
            assertTrue(runner.sleeper().waits().stream().allMatch(wait -> wait.compareTo(Duration.ofSeconds(10)) <= 0),
                    "the run held for at most 10 s, not an hour: " + runner.sleeper().waits());
        }
    }

    @Test
    void ctrlCWhileAGroupCreateIsInFlightSaysTheChatMayExistAndNamesTheRequest() throws Exception {
        // Graph makes the chat only once the run has ended: the Ctrl-C certainly comes while it is in flight
        java.util.concurrent.CountDownLatch ended = new java.util.concurrent.CountDownLatch(1);
        try (FakeGraph graph = FakeGraph.start().answeringAsGraph().holdCreatesFrom(1, ended)) {
            CliRunner runner = CliRunner.against(graph);
            graph.reply(Reply.asGraph().whenReceived(runner.signals()::send));
            CliRunner.Result result = runner.run(GROUP);
            ended.countDown();

            assertEquals(130, result.exitCode(), result::toString);
            assertEquals("", result.out());
            String requestId = graph.requests().get(0).header("client-request-id");
            assertEquals("chat: interrupted while Graph was answering: the group chat may have been created; look for it "
                    + "in Teams, or run again with --if-exists reuse, before making it again (client-request-id "
                    + requestId + ")\n", result.err());
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (graph.chats().all().isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertEquals(1, graph.chats().all().size(), "Graph made it all the same");

            CliRunner.Result again = CliRunner.against(graph).run(withArgs("--if-exists", "reuse"));
            assertEquals(0, again.exitCode(), again::toString);
            assertEquals(graph.chats().all().get(0).id() + "\n", again.out());
            assertEquals(1, graph.chats().all().size(), "run again with reuse: still one chat");
        }
    }

    /**
     * A create whose answer was lost is being looked for (--if-exists reuse) when Ctrl-C comes: the journal
     * still has it as perhaps made, and the next run settles it as this line's own chat, not another's.
     */
    @Test
    void ctrlCWhileACreateWhoseAnswerWasLostIsLookedForLeavesItToBeSettled() throws IOException {
        String line = LINES.stream().filter(text -> text.contains("\"group\"")).findFirst().orElseThrow();
        Path input = input(List.of(line));
        Path journal = directory.resolve("journal");
        try (FakeGraph graph = FakeGraph.start().answeringAsGraph()) {
            CliRunner runner = CliRunner.against(graph);
            graph.replyToCreates(Reply.createThenDropConnection().whenReceived(runner.signals()::send));
            CliRunner.Result stopped = runner.run("create", "--from", input.toString(), "--journal", journal.toString(),
                    "--if-exists", "reuse");

            assertEquals(130, stopped.exitCode(), stopped::toString);
            String last = Files.readAllLines(journal).get(Files.readAllLines(journal).size() - 1);
            assertTrue(last.contains("\"state\":\"sending\"") || last.contains("\"mayHaveCreated\":true"),
                    "the send is still of unknown outcome: " + last);

            CliRunner.Result resumed = CliRunner.against(graph).run("create", "--from", input.toString(), "--journal",
                    journal.toString(), "--if-exists", "reuse", "--resend-after", "0");

            assertEquals(0, resumed.exitCode(), resumed::toString);
            assertEquals(1, graph.chats().all().size(), "one chat");
            assertEquals("created", resumed.jsonLines().get(0).get("status").asText(), "its own chat, found");
        }
    }

    @Test
    void ctrlCDuringAOneOnOneCreateIsAPlainInterruption() {
        java.util.concurrent.CountDownLatch ended = new java.util.concurrent.CountDownLatch(1);
        try (FakeGraph graph = FakeGraph.start().holdCreatesFrom(1, ended)) {
            CliRunner runner = CliRunner.against(graph);
            graph.reply(Reply.asGraph().whenReceived(runner.signals()::send));
            CliRunner.Result result = runner.run("create", "--one-on-one", "-m", "jacob@contoso.com", "-m",
                    "alex@contoso.com");
            ended.countDown();

            assertEquals(130, result.exitCode(), result::toString);
            assertEquals("chat: interrupted\n", result.err(), "a one-on-one chat is safe to create again: no warning");
        }
    }

    private static String[] withArgs(String... more) {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(GROUP), java.util.stream.Stream.of(more))
                .toArray(String[]::new);
    }
}
