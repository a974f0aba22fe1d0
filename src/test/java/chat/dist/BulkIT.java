package chat.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import chat.testing.ChatLines;
import chat.testing.FakeChats;
import chat.testing.FakeGraph;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bulk runs of the installed command cut short — kill -9, Ctrl-C, SIGTERM, a full disk — or run
 * twice at once, against a stand-in for Graph whose answers are slow: every chat made once, every
 * line reported.
 */
class BulkIT {
    private static final Path CHAT = Path.of("target", "dist", "bin", "chat").toAbsolutePath();
    private static final String TOKEN = "eyJhbGciOiJub25lIn0.eyJyb2xlcyI6WyJDaGF0LkNyZWF0ZSJdfQ.";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static List<String> lines;

    @TempDir
    Path directory;

    @BeforeAll
    static void makeTheInput() {
        lines = ChatLines.generate(120);
    }

    private Path input(int count) throws IOException {
        Path input = directory.resolve("chats.jsonl");
        Files.write(input, lines.subList(0, count));
        return input;
    }

    /** bin/chat create --from INPUT --journal JOURNAL [more], in a shell when {@code shell} prefixes it. */
    private Process start(FakeGraph graph, String shell, String name, String... args) throws IOException {
        return startAs(TOKEN, graph, shell, name, args);
    }

    /** @param token what CHAT_ACCESS_TOKEN holds */
    private Process startAs(String token, FakeGraph graph, String shell, String name, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        if (shell != null) {
            command.addAll(List.of("sh", "-c", shell + " \"$@\"", "sh"));
        }
        command.add(CHAT.toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf(variable -> variable.startsWith("CHAT_") || variable.startsWith("AZURE_")
                || variable.equalsIgnoreCase("https_proxy") || variable.equals("JAVA_OPTS"));
        builder.environment().put("CHAT_GRAPH_URL", graph.url());
        builder.environment().put("CHAT_ACCESS_TOKEN", token);
        builder.environment().put("CHAT_CONFIG_DIR", directory.resolve("config").toString());
        return builder.redirectOutput(directory.resolve(name + ".out").toFile())
                .redirectError(directory.resolve(name + ".err").toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
    }

    private Process bulk(FakeGraph graph, String name, Path input, Path journal, String... more) throws IOException {
        List<String> args = new ArrayList<>(List.of("create", "--from", input.toString(), "--journal", journal.toString()));
        args.addAll(List.of(more));
        return start(graph, null, name, args.toArray(String[]::new));
    }

    private String err(String name) throws IOException {
        return Files.readString(directory.resolve(name + ".err"));
    }

    private List<JsonNode> results(String name) throws IOException {
        List<JsonNode> results = new ArrayList<>();
        for (String line : Files.readAllLines(directory.resolve(name + ".out"), StandardCharsets.UTF_8)) {
            results.add(JSON.readTree(line));
        }
        return results;
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertTrue(condition.getAsBoolean(), what);
    }

    /** Until the run says it has the first Ctrl-C or SIGTERM, which it does the moment it has it. */
    private void awaitStopping(String name) throws InterruptedException {
        await(() -> {
            try {
                return err(name).contains("chat: stopping: ");
            } catch (IOException e) {
                return false;
            }
        }, "the run took the signal");
    }

    private static long groupChatsMade(FakeGraph graph) {
        return graph.chats().all().stream().filter(chat -> chat.type().equals("group")).count();
    }

    /** Each body once: a group create sent twice would be two chats, which the test fails on. */
    private static long groupCreatesSent(FakeGraph graph) {
        return graph.creates().stream().map(create -> create.body()).filter(body -> body.contains("\"group\""))
                .distinct().count();
    }

    private static long posts(FakeGraph graph) {
        return graph.creates().size();
    }

    private static void signal(Process process, String signal) throws IOException, InterruptedException {
        assertEquals(0, new ProcessBuilder("kill", "-" + signal, String.valueOf(process.pid())).start().waitFor());
    }

    private static void awaitExit(Process process, int seconds) throws InterruptedException {
        assertTrue(process.waitFor(seconds, TimeUnit.SECONDS), "chat did not end within " + seconds + " s");
    }

    /** Every line reported once, in order, created; Graph holds exactly one chat a line. */
    private void assertAllCreatedOnce(FakeGraph graph, String name, int count) throws IOException {
        List<JsonNode> results = results(name);
        assertEquals(count, results.size(), "one result a line");
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < count; i++) {
            JsonNode result = results.get(i);
            assertEquals(i + 1, result.get("line").asInt());
            assertEquals("created", result.get("status").asText(), result::toString);
            assertTrue(ids.add(result.get("id").asText()));
        }
        assertEquals(0, graph.chats().duplicateGroups(), "no group chat made twice");
        assertEquals(ids, new HashSet<>(graph.chats().all().stream().map(FakeChats.Chat::id).toList()));
    }

    /** Each line reported once, in order, whatever became of it; every chat Graph made is one a line reported. */
    private void assertEachLineReportedOnce(FakeGraph graph, String name, int count) throws IOException {
        List<JsonNode> results = results(name);
        assertEquals(count, results.size(), "one result a line");
        Set<String> reported = new HashSet<>();
        for (int i = 0; i < count; i++) {
            assertEquals(i + 1, results.get(i).get("line").asInt());
            if (results.get(i).has("id")) {
                reported.add(results.get(i).get("id").asText());
            }
        }
        assertTrue(reported.containsAll(graph.chats().all().stream().map(FakeChats.Chat::id).toList()),
                "every chat made was reported");
    }

    @Test
    void killedMidRunAndRunAgainCreatesEveryChatExactlyOnce() throws Exception {
        Path input = input(120);
        Path journal = directory.resolve("journal.jsonl");
        // the creates after the 40th are held until the kill: else the run can end before it
        CountDownLatch killed = new CountDownLatch(1);
        try (FakeGraph graph = FakeGraph.start().answeringAsGraph().delayEachCreate(Duration.ofMillis(40))
                .holdCreatesFrom(41, killed)) {
            // A short time limit: a line recorded "sending" whose request never left is sent again only after it.
            Process first = bulk(graph, "first", input, journal, "--timeout", "5");
            await(() -> graph.chats().all().size() >= 40, "the run got going");
            first.destroyForcibly(); // kill -9: nothing of the process gets to run
            awaitExit(first, 30);
            killed.countDown();
            assertTrue(graph.chats().all().size() < 120, "killed before the end");

            // This fake Graph takes no longer than a request's time limit: no margin past it is needed.
            Process second = bulk(graph, "second", input, journal, "--timeout", "5", "--resend-after", "0");
            awaitExit(second, 120);

            assertEquals(0, second.exitValue(), err("second"));
            assertAllCreatedOnce(graph, "second", 120);
        }
    }

    /**
     * A line naming a group of 231, killed with kill -9 while its adds are in flight (the adds Graph has
     * then are made after the kill, as a send Graph finishes late), and run again with its journal: the
     * same chat, completed, everyone in once.
     */
    @Test
    void killedDuringTheAddsOfABigChatAndRunAgainCompletesTheSameChat() throws Exception {
        String me = "megan@contoso.com";
        String person = chat.testing.Tokens.unsigned("{\"scp\":\"Chat.Create Chat.Read ChatMessage.Send "
                + "User.ReadBasic.All GroupMember.Read.All ChatMember.ReadWrite\",\"oid\":\"" + chat.testing.FakeDirectory.idOf(me) + "\",\"upn\":\"" + me + "\"}");
        Path input = Files.writeString(directory.resolve("team.jsonl"), "{\"chatType\":\"group\",\"topic\":\"Welcome\","
                + "\"membersOf\":[\"cohort@contoso.com\"],\"message\":\"Welcome, all\"}\n");
        Path journal = directory.resolve("journal.jsonl");
        CountDownLatch killed = new CountDownLatch(1);
        try (FakeGraph graph = FakeGraph.start().answeringAsGraph().holdAddsFrom(11, killed)) {
            graph.chats().groups().add("Cohort", "cohort@contoso.com", java.util.stream.IntStream.rangeClosed(1, 230)
                    .mapToObj(i -> chat.testing.FakeGroups.user("hire" + i + "@contoso.com"))
                    .toArray(chat.testing.FakeGroups.Entry[]::new));
            Process first = startAs(person, graph, null, "first", "create", "--from", input.toString(), "--journal",
                    journal.toString());
            await(() -> adds(graph) >= 11, "adds in flight");
            first.destroyForcibly(); // kill -9: nothing of the process gets to run
            awaitExit(first, 30);
            killed.countDown();
            assertTrue(Files.readString(journal).contains("\"state\":\"adding\""), "killed during the adds");

            Process second = startAs(person, graph, null, "second", "create", "--from", input.toString(), "--journal",
                    journal.toString());
            awaitExit(second, 120);

            assertEquals(0, second.exitValue(), err("second") + Files.readString(directory.resolve("second.out")));
            assertEquals(1, graph.chats().all().size(), "one chat");
            String chatId = graph.chats().all().get(0).id();
            List<String> roster = new ArrayList<>();
            graph.chats().roster(chatId).forEach(member -> roster.add(member.get("userId").asText()));
            assertEquals(231, roster.size(), "everyone in");
            assertEquals(231, new HashSet<>(roster).size(), "each once");
            assertEquals(1, graph.chats().messages().size(), "the message posted once, after the adds");
            assertEquals(chatId, results("second").get(0).get("id").asText());
        }
    }

    private static long adds(FakeGraph graph) {
        return graph.requests().stream().filter(r -> r.method().equals("POST") && r.path().endsWith("/members")).count();
    }

    /** A person's token that may create chats, post into them, and read what they hold. */
    private static final String SENDER = chat.testing.Tokens.unsigned("{\"scp\":\"Chat.Create Chat.Read "
            + "ChatMessage.Send\",\"oid\":\"6e1c9b7d-3a3f-4b55-9a40-2f0c6a1d7e11\",\"upn\":\"megan@contoso.com\"}");

    @Test
    void killedMidRunWithMessagesAndRunAgainPostsEveryMessageExactlyOnce() throws Exception {
        int count = 90;
        List<String> withMessages = new ArrayList<>();
        List<String> messages = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String message = "Welcome, hire " + i + "!";
            String[] args = i % 3 == 0
                    ? new String[] {"create", "--one-on-one", "-m", "hire" + i + "@contoso.com", "--message", message,
                        "--dry-run", "-o", "json"}
                    : new String[] {"create", "--group", "--topic", "Welcome " + i, "-m", "hire" + i + "@contoso.com",
                        "-m", "buddy" + i + "@contoso.com", "--message", message, "--dry-run", "-o", "json"};
            withMessages.add(new chat.testing.CliRunner().run(args).out().strip());
            messages.add(message);
        }
        Path input = Files.write(directory.resolve("chats.jsonl"), withMessages);
        Path journal = directory.resolve("journal.jsonl");
        // the posts after the 30th are held until the kill: so that some are in flight when it comes
        CountDownLatch killed = new CountDownLatch(1);
        try (FakeGraph graph = FakeGraph.start().answeringAsGraph().delayEachCreate(Duration.ofMillis(40))
                .delayEachPost(Duration.ofMillis(40)).holdPostsFrom(31, killed)) {
            Process first = startAs(SENDER, graph, null, "first", "create", "--from", input.toString(), "--journal",
                    journal.toString(), "--timeout", "5");
            await(() -> graph.chats().messages().size() >= 30 && graph.messagePosts().size() > 30, "posts in flight");
            first.destroyForcibly(); // kill -9: nothing of the process gets to run
            awaitExit(first, 30);
            killed.countDown();
            assertTrue(graph.chats().messages().size() < count, "killed before the end");
            assertTrue(Files.readString(journal).contains("\"state\":\"posting\""), "killed with posts in flight");

            Process second = startAs(SENDER, graph, null, "second", "create", "--from", input.toString(), "--journal",
                    journal.toString(), "--timeout", "5", "--resend-after", "0"); // this Graph takes no longer
            awaitExit(second, 120);

            assertEquals(0, second.exitValue(), err("second"));
            assertTrue(err("second").contains("found the message an earlier run posted")
                    || err("second").contains("is not in the chat: posting it"), "posts of unknown outcome settled: "
                    + err("second"));
            assertAllCreatedOnce(graph, "second", count);
            List<JsonNode> results = results("second");
            java.util.Map<String, List<FakeChats.Message>> byChat = new java.util.HashMap<>();
            graph.chats().messages().forEach(m -> byChat.computeIfAbsent(m.chatId(), chat -> new ArrayList<>()).add(m));
            assertEquals(count, graph.chats().messages().size(), "every message posted once: " + byChat);
            for (int i = 0; i < count; i++) {
                List<FakeChats.Message> posted = byChat.get(results.get(i).get("id").asText());
                assertEquals(1, posted == null ? 0 : posted.size(), "line " + (i + 1) + ": " + posted);
                assertEquals(messages.get(i), posted.get(0).content());
                assertEquals(posted.get(0).id(), results.get(i).at("/postedMessage/id").asText(), results.get(i)::toString);
            }
        }
    }

    /**
     * kill -9 while Graph is still making the chats, and run again at once: what was sent is not sent
     * again while Graph may be at work on it (--resend-after), but left; a run after that finds each.
     */
    @Test
    void killedWhileGraphIsStillMakingTheChatsAndRunAgainAtOnce() throws Exception {
        Path input = input(30);
        Path journal = directory.resolve("journal.jsonl");
        try (FakeGraph graph = FakeGraph.start().answeringAsGraph().delayEachCreate(Duration.ofSeconds(3))) {
            Process first = bulk(graph, "first", input, journal, "--timeout", "6");
            await(() -> posts(graph) >= 10, "creates in flight");
            first.destroyForcibly();
            awaitExit(first, 30);
            assertTrue(graph.chats().all().isEmpty(), "Graph has made none of them yet");

            Process second = bulk(graph, "second", input, journal, "--timeout", "6");
            awaitExit(second, 120);
            await(() -> groupChatsMade(graph) == groupCreatesSent(graph), "Graph done with every create it was sent");
            // A user who knows this Graph takes 3 s says so: what is not found now was never received.
            Process third = bulk(graph, "third", input, journal, "--timeout", "6", "--resend-after", "0");
            awaitExit(third, 120);

            assertEquals(5, second.exitValue(), err("second"));
            long left = results("second").stream().filter(line -> line.at("/error/message").asText()
                    .contains("it is not sent again before")).count();
            assertTrue(left > 0, err("second"));
            assertEquals(0, graph.chats().duplicateGroups(), "no group chat sent again while Graph was making it");
            assertEquals(0, third.exitValue(), err("third"));
            assertAllCreatedOnce(graph, "third", 30);
        }
    }

    @Test
    void twoRunsWithOneJournalAtOnce() throws Exception {
        Path input = input(60);
        Path journal = directory.resolve("journal.jsonl");
        // the first run is held until the second has ended: else it can be done before the second starts
        CountDownLatch secondEnded = new CountDownLatch(1);
        try (FakeGraph graph = FakeGraph.start().answeringAsGraph().holdCreatesFrom(1, secondEnded)) {
            Process first = bulk(graph, "first", input, journal);
            await(() -> posts(graph) >= 1, "the first run got going");
            Process second = bulk(graph, "second", input, journal);
            awaitExit(second, 30);
            secondEnded.countDown();
            awaitExit(first, 120);

            assertEquals(2, second.exitValue(), err("second"));
            assertEquals("chat: --journal " + journal + " is in use by another run of chat (pid " + first.pid()
                    + "): wait for it to end, or give another journal\n", err("second"));
            assertEquals("", Files.readString(directory.resolve("second.out")));
            assertEquals(0, first.exitValue(), err("first"));
            assertAllCreatedOnce(graph, "first", 60);
            assertEquals(60, posts(graph), "every line sent once");
        }
    }

    @Test
    void ctrlCStopsSendingRecordsWhatWasInFlightAndExits130() throws Exception {
        Path input = input(120);
        Path journal = directory.resolve("journal.jsonl");
        // the creates after the 30th are held until the signal is in: else the run can end before it comes
        CountDownLatch signalled = new CountDownLatch(1);
        try (FakeGraph graph = FakeGraph.start().answeringAsGraph().delayEachCreate(Duration.ofMillis(40))
                .holdCreatesFrom(31, signalled)) {
            Process first = bulk(graph, "first", input, journal);
            await(() -> graph.chats().all().size() >= 30, "the run got going");
            signal(first, "INT");
            awaitStopping("first");
            signalled.countDown();
            awaitExit(first, 60);

            String err = err("first");
            assertEquals(130, first.exitValue(), err);
            assertTrue(err.contains("chat: stopped: "), err);
            assertTrue(err.contains("the same command with the same --journal goes on from there"), err);
            assertEachLineReportedOnce(graph, "first", 120);

            Process second = bulk(graph, "second", input, journal, "--resend-after", "0"); // this Graph takes no longer
            awaitExit(second, 120);
            assertEquals(0, second.exitValue(), err("second"));
            assertAllCreatedOnce(graph, "second", 120);
        }
    }

    /** SIGTERM while answers are slow: done within the grace, with the summary; the next run settles the rest. */
    @Test
    void sigtermWithAnswersSlowerThanTheGraceEndsWithinIt() throws Exception {
        Path input = input(40);
        Path journal = directory.resolve("journal.jsonl");
        try (FakeGraph graph = FakeGraph.start().answeringAsGraph().delayEachCreate(Duration.ofSeconds(8))) {
            Process first = bulk(graph, "first", input, journal, "--timeout", "10");
            await(() -> posts(graph) >= 16, "creates in flight");
            long stopped = System.nanoTime();
            signal(first, "TERM");
            awaitExit(first, 30);
            long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - stopped);

            String err = err("first");
            assertEquals(130, first.exitValue(), err);
            assertTrue(seconds < 8, "ended within the grace of 5 s, not after Graph's 8 s: " + seconds + " s");
            assertTrue(err.startsWith("chat: stopping: nothing more is sent; what is in flight gets up to 5 s to answer"),
                    err);
            assertTrue(err.matches("(?s).*chat: stopped: \\d+ of 40 chats done \\(0 created, 0 existing, \\d+ failed, "
                    + "\\d+ skipped.*"), err);
            assertEachLineReportedOnce(graph, "first", 40);
            List<JsonNode> results = results("first");
            assertTrue(results.stream().anyMatch(r -> r.at("/error/message").asText().startsWith("no answer yet when the "
                    + "run stopped")), results::toString);

            Process second = bulk(graph, "second", input, journal, "--timeout", "10", "--resend-after", "0");
            awaitExit(second, 180);
            assertEquals(0, second.exitValue(), err("second"));
            assertAllCreatedOnce(graph, "second", 40);
        }
    }

    @Test
    void aSecondCtrlCEndsAtOnceAndTheJournalStaysWhole() throws Exception {
        Path input = input(40);
        Path journal = directory.resolve("journal.jsonl");
        try (FakeGraph graph = FakeGraph.start().answeringAsGraph().delayEachCreate(Duration.ofSeconds(4))) {
            Process first = bulk(graph, "first", input, journal, "--timeout", "8");
            await(() -> posts(graph) >= 16, "creates in flight");
            signal(first, "INT");
            awaitStopping("first");
            long second = System.nanoTime();
            signal(first, "INT");
            awaitExit(first, 30);

            assertEquals(130, first.exitValue(), err("first"));
            assertTrue(System.nanoTime() - second < TimeUnit.SECONDS.toNanos(2), "the second Ctrl-C ended it at once");
            assertTrue(err("first").contains("chat: stopped at once"), err("first"));

            Process resumed = bulk(graph, "resumed", input, journal, "--timeout", "8", "--resend-after", "0");
            awaitExit(resumed, 180);
            assertEquals(0, resumed.exitValue(), err("resumed"));
            assertAllCreatedOnce(graph, "resumed", 40);
        }
    }

    /** A real full disk: the journal on a 16 KiB tmpfs of a mount namespace of the run's own. */
    @Test
    void aJournalThatFillsTheDiskStopsTheRunAndSaysWhichLinesHaveNoRecord() throws Exception {
        assumeTrue(new ProcessBuilder("unshare", "-rm", "sh", "-c", "mount -t tmpfs -o size=16k tmpfs /mnt")
                .start().waitFor() == 0, "this machine lets a user namespace mount a tmpfs");
        Path input = input(120);
        Path kept = directory.resolve("journal.jsonl");
        Path mount = Files.createDirectories(directory.resolve("small-disk"));
        try (FakeGraph graph = FakeGraph.start().answeringAsGraph()) {
            // The journal is copied out before the namespace, and its disk, go away.
            String shell = "mount -t tmpfs -o size=16k tmpfs '" + mount + "' && { \"$@\"; status=$?; cp '" + mount
                    + "/journal' '" + kept + "'; exit $status; }";
            Process full = start(graph, "exec unshare -rm sh -c '" + shell.replace("'", "'\\''") + "' sh", "full",
                    "create", "--from", input.toString(), "--journal", mount.resolve("journal").toString(), "--timeout", "5");
            awaitExit(full, 120);

            String err = err("full");
            assertEquals(5, full.exitValue(), err);
            assertTrue(err.contains("chat: stopped sending: the journal " + mount.resolve("journal")
                    + " could not be written (No space left on device); lines "), err);
            assertTrue(err.contains(" have no record in it: the same command with the same --journal"), err);
            assertFalse(err.contains("Exception"), err);
            assertEquals(2, err.lines().count(), err);
            assertEachLineReportedOnce(graph, "full", 120);
            assertTrue(results("full").stream().anyMatch(r -> r.get("status").asText().equals("skipped")));
            assertTrue(graph.chats().all().size() < 120, "stopped before the end");

            Process resumed = bulk(graph, "resumed", input, kept, "--timeout", "5", "--resend-after", "0");
            awaitExit(resumed, 120);
            assertEquals(0, resumed.exitValue(), err("resumed"));
            assertAllCreatedOnce(graph, "resumed", 120);
        }
    }
}
