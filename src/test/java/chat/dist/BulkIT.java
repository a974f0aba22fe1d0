package chat.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A bulk run of the installed command cut short — kill -9, Ctrl-C — and run again: nothing made twice. */
class BulkIT {
    private static final Path CHAT = Path.of("target", "dist", "bin", "chat").toAbsolutePath();
    private static final String TOKEN = "eyJhbGciOiJub25lIn0.eyJyb2xlcyI6WyJDaGF0LkNyZWF0ZSJdfQ.";
    private static final int LINES = 120;

    @TempDir
    Path directory;

    private Process start(FakeGraph graph, Path input, Path journal, Path out, Path err) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(CHAT.toString(), "create", "--from", input.toString(),
                "--journal", journal.toString());
        builder.environment().keySet().removeIf(name -> name.startsWith("CHAT_") || name.startsWith("AZURE_")
                || name.equalsIgnoreCase("https_proxy") || name.equals("JAVA_OPTS"));
        builder.environment().put("CHAT_GRAPH_URL", graph.url());
        builder.environment().put("CHAT_ACCESS_TOKEN", TOKEN);
        builder.environment().put("CHAT_CONFIG_DIR", directory.resolve("config").toString());
        return builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    }

    private static void awaitChats(FakeGraph graph, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (graph.chats().all().size() < count && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(graph.chats().all().size() >= count, "the run got going");
    }

    /** The second run reports every line once, created, and Graph holds exactly one chat a line. */
    private static void assertAllCreatedOnce(FakeGraph graph, Path out) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<String> results = Files.readAllLines(out, StandardCharsets.UTF_8);
        assertEquals(LINES, results.size(), "one result a line");
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < LINES; i++) {
            JsonNode result = json.readTree(results.get(i));
            assertEquals(i + 1, result.get("line").asInt());
            assertEquals("created", result.get("status").asText(), result::toString);
            assertTrue(ids.add(result.get("id").asText()));
        }
        assertEquals(0, graph.chats().duplicateGroups(), "no group chat made twice");
        assertEquals(ids, new HashSet<>(graph.chats().all().stream().map(FakeChats.Chat::id).toList()));
    }

    @Test
    void killedMidRunAndRunAgainCreatesEveryChatExactlyOnce() throws Exception {
        Path input = directory.resolve("chats.jsonl");
        Files.write(input, ChatLines.generate(LINES));
        Path journal = directory.resolve("journal.jsonl");
        try (FakeGraph graph = FakeGraph.start().delayEachCreate(Duration.ofMillis(40))) {
            Process first = start(graph, input, journal, directory.resolve("out1"), directory.resolve("err1"));
            awaitChats(graph, 40);
            first.destroyForcibly(); // kill -9: nothing of the process gets to run
            assertTrue(first.waitFor(30, TimeUnit.SECONDS));
            int madeBefore = graph.chats().all().size();
            assertTrue(madeBefore < LINES, "killed before the end");

            Process second = start(graph, input, journal, directory.resolve("out2"), directory.resolve("err2"));
            assertTrue(second.waitFor(120, TimeUnit.SECONDS));

            assertEquals(0, second.exitValue(), Files.readString(directory.resolve("err2")));
            assertAllCreatedOnce(graph, directory.resolve("out2"));
        }
    }

    @Test
    void ctrlCStopsSendingRecordsWhatWasInFlightAndExits130() throws Exception {
        Path input = directory.resolve("chats.jsonl");
        Files.write(input, ChatLines.generate(LINES));
        Path journal = directory.resolve("journal.jsonl");
        try (FakeGraph graph = FakeGraph.start().delayEachCreate(Duration.ofMillis(40))) {
            Process first = start(graph, input, journal, directory.resolve("out1"), directory.resolve("err1"));
            awaitChats(graph, 30);
            Process interrupt = new ProcessBuilder("kill", "-INT", String.valueOf(first.pid())).start();
            assertEquals(0, interrupt.waitFor());
            assertTrue(first.waitFor(60, TimeUnit.SECONDS));

            String err = Files.readString(directory.resolve("err1"));
            assertEquals(130, first.exitValue(), err);
            assertTrue(err.contains("chat: stopped: "), err);
            assertTrue(err.contains("the same command with the same --journal goes on from there"), err);
            long reported = Files.readAllLines(directory.resolve("out1")).size();
            assertEquals(graph.chats().all().size(), reported, "every chat made was reported before the exit");

            Process second = start(graph, input, journal, directory.resolve("out2"), directory.resolve("err2"));
            assertTrue(second.waitFor(120, TimeUnit.SECONDS));
            assertEquals(0, second.exitValue(), Files.readString(directory.resolve("err2")));
            assertAllCreatedOnce(graph, directory.resolve("out2"));
        }
    }
}
