package chat.bulk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.testing.ChatLines;
import chat.testing.CliRunner;
import chat.testing.FakeChats;
import chat.testing.FakeGraph;
import chat.testing.Reply;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * --journal as a record, not a cache: keyed by what a line asks for, locked for the run, strict
 * about what it reads, and honest about what it could not write.
 */
class JournalTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> LINES = ChatLines.generate(9);

    @TempDir
    Path directory;

    private Path file(String name, List<String> lines) throws IOException {
        Path file = directory.resolve(name);
        Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        return file;
    }

    private static long creates(FakeGraph graph) {
        return graph.creates().size();
    }

    private static CliRunner.Result bulk(FakeGraph graph, Path input, Path journal, String... more) {
        List<String> args = new ArrayList<>(List.of("create", "--from", input.toString(), "--journal", journal.toString()));
        args.addAll(List.of(more));
        return CliRunner.against(graph).run(args.toArray(String[]::new));
    }

    /** Every line reported once, as created or existing, and Graph holds no group chat twice. */
    private static void assertAllDone(CliRunner.Result result, FakeGraph graph, int lines) {
        List<JsonNode> results = result.jsonLines();
        assertEquals(lines, results.size(), result::toString);
        for (JsonNode line : results) {
            assertTrue(Set.of("created", "existing").contains(line.get("status").asText()), line::toString);
        }
        assertEquals(0, graph.chats().duplicateGroups(), "no group chat made twice");
    }

    @Test
    void anyInputSkipsExactlyWhatIsDoneWhateverItsOrderOrCompany() throws IOException {
        Path journal = directory.resolve("journal");
        Path x = file("x.jsonl", LINES.subList(0, 4));
        Path y = file("y.jsonl", LINES.subList(4, 7));
        List<String> shuffled = new ArrayList<>(LINES.subList(0, 4));
        java.util.Collections.reverse(shuffled);
        shuffled.add(0, LINES.get(8)); // a line inserted at the top
        shuffled.add(2, "");
        Path xAgain = file("x2.jsonl", shuffled);
        try (FakeGraph graph = FakeGraph.start().answeringAsGraph()) {
            CliRunner.Result first = bulk(graph, x, journal);
            CliRunner.Result other = bulk(graph, y, journal);
            long before = creates(graph);
            CliRunner.Result again = bulk(graph, x, journal);
            long afterAgain = creates(graph);
            CliRunner.Result edited = bulk(graph, xAgain, journal);

            assertEquals(0, first.exitCode(), first::toString);
            assertEquals(0, other.exitCode(), other::toString);
            assertEquals(7, before);
            assertEquals(before, afterAgain, "X again: nothing sent, though Y ran in between");
            assertEquals(first.jsonLines(), again.jsonLines(), "the same results, from the record");
            assertEquals(0, edited.exitCode(), edited::toString);
            assertEquals(afterAgain + 1, creates(graph), "reordered, a line added at the top: only that line is sent");
            List<JsonNode> shown = edited.jsonLines();
            assertEquals(List.of(1, 2, 4, 5, 6), shown.stream().map(r -> r.get("line").asInt()).toList());
            assertEquals(first.jsonLines().get(3).get("id"), shown.get(1).get("id"), "line 4 of X, now line 2, is its chat");
            assertAllDone(edited, graph, 5);
        }
    }

    @Test
    void twoLinesAskingForTheSameChatAreTwoChatsAndEachIsRecordedAsItsOwn() throws IOException {
        String group = LINES.get(1);
        Path journal = directory.resolve("journal");
        Path input = file("in.jsonl", List.of(group, group));
        try (FakeGraph graph = FakeGraph.start().answeringAsGraph()) {
            CliRunner.Result first = bulk(graph, input, journal);
            int madeByFirst = graph.chats().all().size();
            CliRunner.Result again = bulk(graph, file("one.jsonl", List.of(group, LINES.get(2), group)), journal);

            assertEquals(0, first.exitCode(), first::toString);
            assertEquals(2, madeByFirst, "asked twice without --if-exists: two chats, as Graph does");
            assertEquals(0, again.exitCode(), again::toString);
            assertEquals(3, creates(graph), "only the new line is sent");
            List<JsonNode> shown = again.jsonLines();
            assertEquals(first.jsonLines().get(0).get("id"), shown.get(0).get("id"));
            assertEquals(first.jsonLines().get(1).get("id"), shown.get(2).get("id"));
        }
    }

    static Stream<Arguments> unfitJournals() {
        return Stream.of(
                Arguments.of("/dev/null", "is not a regular file"),
                Arguments.of("/dev/full", "is not a regular file"),
                Arguments.of("DIRECTORY", "is a directory"),
                Arguments.of("INPUT", "is the input itself"),
                Arguments.of("NO/SUCH/DIRECTORY/journal", "no such directory"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unfitJournals")
    void aJournalThatCannotBeARecordIsRefusedBeforeAnythingIsSent(String journal, String why) throws IOException {
        Path input = file("in.jsonl", LINES.subList(0, 3));
        String path = switch (journal) {
            case "DIRECTORY" -> directory.toString();
            case "INPUT" -> input.toString();
            case "NO/SUCH/DIRECTORY/journal" -> directory.resolve(journal).toString();
            default -> journal;
        };
        try (FakeGraph graph = FakeGraph.start()) {
            CliRunner.Result result = bulk(graph, input, Path.of(path));

            assertEquals(2, result.exitCode(), result::toString);
            assertEquals("", result.out());
            assertTrue(result.err().startsWith("chat: --journal " + path), result::toString);
            assertTrue(result.err().contains(why), result::toString);
            assertEquals(1, result.err().lines().count(), result::toString);
            assertEquals(List.of(), graph.requests());
            assertEquals(LINES.subList(0, 3), Files.readAllLines(input), "the input is untouched");
        }
    }

    @Test
    void aFifoAsJournalIsRefusedWithoutWaitingForAWriter() throws Exception {
        Path fifo = directory.resolve("fifo");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        Path input = file("in.jsonl", LINES.subList(0, 2));
        try (FakeGraph graph = FakeGraph.start()) {
            CliRunner.Result result = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> bulk(graph, input, fifo));

            assertEquals(2, result.exitCode(), result::toString);
            assertTrue(result.err().contains("is not a regular file"), result::toString);
            assertEquals(List.of(), graph.requests());
        }
    }

    @Test
    void aSecondRunWithTheJournalInUseIsRefusedAtOnceNamingTheHolder() throws Exception {
        Path journal = directory.resolve("journal");
        Path input = file("in.jsonl", LINES.subList(1, 3));
        CountDownLatch sending = new CountDownLatch(1);
        CountDownLatch secondDone = new CountDownLatch(1); // the first run is kept going until then
        try (FakeGraph graph = FakeGraph.start().answeringAsGraph().holdCreatesFrom(1, secondDone)) {
            graph.replyToCreates(Reply.asGraph().whenReceived(sending::countDown), Reply.asGraph());
            CompletableFuture<CliRunner.Result> first = CompletableFuture.supplyAsync(() -> bulk(graph, input, journal));
            assertTrue(sending.await(20, TimeUnit.SECONDS));
            CliRunner.Result second = bulk(graph, input, journal);
            secondDone.countDown();
            CliRunner.Result firstResult = first.get(30, TimeUnit.SECONDS);

            assertEquals(2, second.exitCode(), second::toString);
            assertEquals("chat: --journal " + journal + " is in use by another run of chat (pid "
                    + ProcessHandle.current().pid() + "): wait for it to end, or give another journal\n", second.err());
            assertEquals(0, firstResult.exitCode(), firstResult::toString);
            assertEquals(2, creates(graph), "each line sent once, by the first run alone");
            assertAllDone(firstResult, graph, 2);
        }
    }

    @Test
    void aRecordCutOffByACrashIsSetAsideAndNeverGluedToTheNext() throws IOException {
        Path input = file("in.jsonl", List.of(LINES.get(1), LINES.get(2), LINES.get(4))); // group chats
        Path journal = directory.resolve("journal");
        try (FakeGraph graph = FakeGraph.start().answeringAsGraph()) {
            CliRunner.Result first = bulk(graph, input, journal);
            String whole = Files.readString(journal);
            // A crash mid-write: the last record (a line's "created") cut in two.
            Files.writeString(journal, whole.substring(0, whole.length() - 20));
            CliRunner.Result second = bulk(graph, input, journal);
            // A second crash, the same way.
            Files.writeString(journal, "{\"chat\":\"3fa1", StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
            CliRunner.Result third = bulk(graph, input, journal);

            assertEquals(0, first.exitCode(), first::toString);
            for (CliRunner.Result resumed : List.of(second, third)) {
                assertEquals(0, resumed.exitCode(), resumed::toString);
                assertTrue(resumed.err().contains("the journal's last record was cut off (a crash or a full disk): set "
                        + "aside"), resumed::toString);
                assertAllDone(resumed, graph, 3);
                assertEquals(first.jsonLines(), resumed.jsonLines());
            }
            assertEquals(3, creates(graph), "the line whose record was cut is settled by finding its chat, not sent");
            List<String> records = Files.readAllLines(journal);
            int setAside = 0;
            for (int i = 0; i < records.size(); i++) {
                JsonNode record;
                try {
                    record = JSON.readTree(records.get(i));
                } catch (IOException e) {
                    record = null;
                }
                if (record == null) {
                    setAside++;
                    assertTrue(JSON.readTree(records.get(i + 1)).has("journal"), "a cut record, then a run's header");
                }
            }
            assertEquals(2, setAside, String.join("\n", records));
        }
    }

    @Test
    void aCutOffSendingRecordIsSettledByLookingNotSentBlind() throws IOException {
        String line = LINES.get(1);
        Path input = file("in.jsonl", List.of(line));
        Path journal = directory.resolve("journal");
        try (FakeGraph graph = FakeGraph.start().answeringAsGraph()) {
            Instant sentAt = Instant.now().minusSeconds(90);
            FakeChats.Chat made = graph.chats().seedGroup(JSON.readTree(line).get("topic").asText(),
                    sentAt.plusSeconds(1), "hire1@contoso.com", "buddy1@contoso.com", "lead@contoso.com");
            Files.writeString(journal, JournalLines.header(7) + JournalLines.sending(line, 1, sentAt, sentAt.plusSeconds(60))
                    + "{\"chat\":\"" + JournalLines.key(line, 1) + "\",\"line\":1,\"state\":\"crea");

            CliRunner.Result resumed = bulk(graph, input, journal);

            assertEquals(0, resumed.exitCode(), resumed::toString);
            assertEquals(0, creates(graph));
            assertEquals(made.id(), resumed.jsonLines().get(0).get("id").asText());
            assertTrue(resumed.err().contains("chat: line 1: found the chat an earlier run's send made: " + made.id()),
                    resumed::toString);
        }
    }

    @Test
    void blankLinesLeftAtTheEndOrBetweenRecordsAreNoDamage() throws IOException {
        Path input = file("in.jsonl", LINES.subList(0, 3));
        Path journal = directory.resolve("journal");
        try (FakeGraph graph = FakeGraph.start().answeringAsGraph()) {
            assertEquals(0, bulk(graph, input, journal).exitCode());
            Files.writeString(journal, "\n\n \t\r\n", StandardOpenOption.APPEND); // an editor, or `echo >>`
            CliRunner.Result again = bulk(graph, input, journal);
            Files.writeString(journal, "\n", StandardOpenOption.APPEND);
            CliRunner.Result third = bulk(graph, input, journal);

            assertEquals(0, again.exitCode(), again::toString);
            assertEquals(0, third.exitCode(), third::toString);
            assertEquals(3, creates(graph), "nothing made again");
            assertAllDone(third, graph, 3);
        }
    }

    /**
     * A journal of format 1, which keyed lines by their text, resumes as it did: a line recorded made is
     * not made again, one caught sending is settled by looking, and the rest are sent, once.
     */
    @Test
    void aJournalThatKeyedLinesByTheirTextStillResumesAndMakesNothingTwice() throws IOException {
        List<String> lines = List.of(LINES.get(1), LINES.get(2), LINES.get(4));
        Path input = file("in.jsonl", lines);
        Path journal = directory.resolve("journal");
        try (FakeGraph graph = FakeGraph.start().answeringAsGraph()) {
            FakeChats.Chat made = graph.chats().seedGroup(JSON.readTree(lines.get(0)).get("topic").asText(),
                    Instant.now().minus(Duration.ofDays(1)), "hire1@contoso.com", "buddy1@contoso.com", "lead@contoso.com");
            Instant sentAt = Instant.now().minus(Duration.ofHours(1));
            FakeChats.Chat caught = graph.chats().seedGroup(JSON.readTree(lines.get(1)).get("topic").asText(),
                    sentAt.plusSeconds(1), "hire2@contoso.com", "buddy2@contoso.com", "lead@contoso.com");
            Files.writeString(journal, JournalLines.textKeyedHeader(7)
                    + "{\"chat\":\"" + JournalLines.textKey(lines.get(0), 1) + "\",\"line\":1,\"state\":\"created\",\"id\":\""
                    + made.id() + "\"}\n"
                    + "{\"chat\":\"" + JournalLines.textKey(lines.get(1), 1) + "\",\"line\":2,\"state\":\"sending\",\"at\":\""
                    + sentAt + "\",\"until\":\"" + sentAt.plusSeconds(60) + "\"}\n");

            CliRunner.Result resumed = bulk(graph, input, journal);
            CliRunner.Result again = bulk(graph, input, journal);

            assertEquals(0, resumed.exitCode(), resumed::toString);
            assertEquals(1, creates(graph), "only the line with no record is sent");
            List<JsonNode> shown = resumed.jsonLines();
            assertEquals(made.id(), shown.get(0).get("id").asText());
            assertEquals(caught.id(), shown.get(1).get("id").asText());
            assertEquals(0, again.exitCode(), again::toString);
            assertEquals(1, creates(graph), "and a run after that sends nothing");
            assertEquals(shown, again.jsonLines());
            assertTrue(Files.readString(journal).contains("{\"journal\":" + Journal.FORMAT + ","), "this run's header");
        }
    }

    static Stream<Arguments> damagedJournals() {
        String record = "{\"chat\":\"00#1\",\"line\":1,\"state\":\"created\",\"id\":\"19:a@thread.v2\"}\n";
        return Stream.of(
                Arguments.of("not a journal", "{\"line\":1,\"status\":\"created\"}\n", "is not a journal of chat create"),
                Arguments.of("a damaged line in the middle", JournalLines.header(1) + "{\"chat\n" + record,
                        "line 2 is damaged"),
                Arguments.of("a damaged line among blank ones", JournalLines.header(1) + "\n{\"chat\n\n" + record,
                        "line 3 is damaged"),
                Arguments.of("invalid UTF-8", JournalLines.header(1) + "{\"chat\":\"caf\u00e9\"}\n" + record,
                        "line 2 is not UTF-8 text"),
                Arguments.of("another format", "{\"journal\":9,\"pid\":1}\n", "was written in another format"),
                Arguments.of("a sending record without its time", JournalLines.header(1)
                        + "{\"chat\":\"00#1\",\"line\":1,\"state\":\"sending\"}\n", "line 2 is damaged"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("damagedJournals")
    void aJournalChatDidNotWriteIsRefusedWithItsLineNumber(String name, String text, String why) throws IOException {
        Path input = file("in.jsonl", LINES.subList(0, 2));
        Path journal = directory.resolve("journal");
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (name.equals("invalid UTF-8")) {
            bytes = text.replace("\u00e9", "\u00ff").getBytes(StandardCharsets.ISO_8859_1); // a lone 0xFF
        }
        Files.write(journal, bytes);
        try (FakeGraph graph = FakeGraph.start()) {
            CliRunner.Result result = bulk(graph, input, journal);

            assertEquals(2, result.exitCode(), result::toString);
            assertTrue(result.err().contains(why), result::toString);
            assertFalse(result.err().contains("Exception"), result::toString);
            assertEquals(List.of(), graph.requests());
            assertEquals(bytes.length, Files.size(journal), "nothing appended to a file that is no journal");
        }
    }

    @Test
    void settlingTakesOnlyAChatMadeSinceTheSendThatNoOtherLineClaimed() throws IOException {
        String line = LINES.get(1);
        String topic = JSON.readTree(line).get("topic").asText();
        String[] people = {"hire1@contoso.com", "buddy1@contoso.com", "lead@contoso.com"};
        Path input = file("in.jsonl", List.of(line, line));
        Path journal = directory.resolve("journal");
        try (FakeGraph graph = FakeGraph.start().answeringAsGraph()) {
            Instant sentAt = Instant.now().minusSeconds(300);
            FakeChats.Chat older = graph.chats().seedGroup(topic, sentAt.minus(Duration.ofDays(1)), people);
            FakeChats.Chat twins = graph.chats().seedGroup(topic, sentAt.plusSeconds(2), people);
            // Line 1 was sent and its outcome never learnt; line 2, its twin, made a chat and recorded it.
            Files.writeString(journal, JournalLines.header(7) + JournalLines.sending(line, 1, sentAt, sentAt.plusSeconds(60))
                    + "{\"chat\":\"" + JournalLines.key(line, 2) + "\",\"line\":2,\"state\":\"created\",\"id\":\""
                    + twins.id() + "\"}\n");

            CliRunner.Result resumed = bulk(graph, input, journal, "--resend-after", "60");

            assertEquals(0, resumed.exitCode(), resumed::toString);
            assertEquals(1, creates(graph), "neither the older chat nor the twin's is taken as line 1's: it is sent");
            List<JsonNode> shown = resumed.jsonLines();
            String lineOne = shown.get(0).get("id").asText();
            assertFalse(Set.of(older.id(), twins.id()).contains(lineOne), resumed::toString);
            assertEquals(twins.id(), shown.get(1).get("id").asText());
            assertTrue(resumed.err().contains("chat: line 1: no chat made by an earlier run's send"), resumed::toString);
            assertEquals(3, new HashSet<>(List.of(older.id(), twins.id(), lineOne)).size());
        }
    }

    @Test
    void aSendStillWithinItsTimeLimitIsWaitedForAndFoundNotSentAgain() throws IOException {
        String line = LINES.get(1);
        String topic = JSON.readTree(line).get("topic").asText();
        Path input = file("in.jsonl", List.of(line));
        Path journal = directory.resolve("journal");
        try (FakeGraph graph = FakeGraph.start().answeringAsGraph()) {
            CliRunner runner = CliRunner.against(graph);
            Instant sentAt = runner.clock().instant().minusSeconds(1);
            Files.writeString(journal, JournalLines.header(7) + JournalLines.sending(line, 1, sentAt, sentAt.plusSeconds(60)));
            // Graph is still making it: the first look lists nothing; the chat is there for the second.
            graph.replyToListings(Reply.json(200, "{\"value\":[]}").whenReceived(() -> graph.chats().seedGroup(topic,
                    sentAt.plusSeconds(3), "hire1@contoso.com", "buddy1@contoso.com", "lead@contoso.com")));

            CliRunner.Result resumed = runner.run("create", "--from", input.toString(), "--journal", journal.toString(),
                    "--resend-after", "60");

            assertEquals(0, resumed.exitCode(), resumed::toString);
            assertEquals(0, creates(graph), "found by the second look, never sent again");
            assertEquals(2, graph.requests().stream().filter(r -> r.path().endsWith("/chats")).count(), "looked for twice");
            assertEquals(Duration.ofSeconds(61), runner.sleeper().waits().stream().reduce(Duration.ZERO, Duration::plus),
                    "the earlier send's time limit waited out, and the listing's lag (the pacer's wait between "
                    + "requests counted in): " + runner.sleeper().waits());
            assertTrue(resumed.err().contains("chat: line 1: an earlier run sent it at " + sentAt), resumed::toString);
            assertEquals("created", resumed.jsonLines().get(0).get("status").asText());
        }
    }
}
