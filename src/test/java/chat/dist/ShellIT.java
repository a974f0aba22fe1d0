package chat.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.testing.FakeGraph;
import chat.testing.Reply;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * chat as a shell runs it, in a process of its own: words of any bytes, in any locale, and a stdout
 * that is closed, full or cut short.
 */
class ShellIT {
    private static final Path DIST = Path.of("target", "dist").toAbsolutePath();
    private static final Path CHAT = DIST.resolve("bin/chat");
    private static final Path JAR = DIST.resolve("lib/chat.jar");
    private static final Path JAVA = Path.of(System.getProperty("java.home"), "bin", "java");
    private static final String TOKEN = "eyJhbGciOiJub25lIn0.eyJyb2xlcyI6WyJDaGF0LkNyZWF0ZSJdfQ.";
    private static final String PEOPLE = " -m jacob@contoso.com -m alex@contoso.com";

    record Run(int exitCode, String out, String err) {
    }

    /**
     * {@code script} run by bash with no locale set, "$CHAT" the launcher and "$JAVA_JAR" chat through
     * `java -jar`; stdout and stderr kept unless the script sends them elsewhere.
     */
    static Run shell(Map<String, String> env, String script) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(List.of("bash", "-c", script));
        builder.environment().keySet().removeIf(name -> name.startsWith("CHAT_") || name.startsWith("AZURE_")
                || name.startsWith("LC_") || name.equals("LANG") || name.equalsIgnoreCase("https_proxy")
                || name.equals("JAVA_OPTS"));
        builder.environment().put("CHAT_CONFIG_DIR", Files.createTempDirectory("chat-it").toString());
        builder.environment().put("CHAT", CHAT.toString());
        builder.environment().put("JAVA_JAR", JAVA + " -jar " + JAR);
        builder.environment().putAll(env);
        Path out = Files.createTempFile("chat-out", ".txt");
        Path err = Files.createTempFile("chat-err", ".txt");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "chat did not end");
        return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    private static Map<String, String> against(FakeGraph graph) {
        return Map.of("CHAT_GRAPH_URL", graph.url(), "CHAT_ACCESS_TOKEN", TOKEN);
    }

    /** `java -jar` with no locale decodes words as ASCII: a topic typed in UTF-8 reaches Graph as typed. */
    @Test
    void aTopicTypedInUtf8IsSentAsTypedWhateverTheLocale() throws Exception {
        for (String chat : List.of("$JAVA_JAR", "\"$CHAT\"")) {
            try (FakeGraph graph = FakeGraph.start()) {
                graph.reply(Reply.asGraph());
                Run run = shell(against(graph), chat + " create --group --topic \"$(printf 'caf\\303\\251 \\342\\234\\223')\""
                        + PEOPLE);

                assertEquals(0, run.exitCode(), run::toString);
                assertTrue(graph.requests().get(0).body().contains("\"topic\":\"café ✓\""), graph.requests()::toString);
            }
        }
    }

    /** The same bytes a --from line is refused for are refused on the command line, with the same words. */
    @Test
    void aTopicOfBytesThatAreNoTextIsRefusedAsInAFile() throws Exception {
        for (String chat : List.of("$JAVA_JAR", "\"$CHAT\"")) {
            try (FakeGraph graph = FakeGraph.start()) {
                Run run = shell(against(graph), chat + " create --group --topic \"$(printf 'a\\377\\376b')\"" + PEOPLE);

                assertEquals(2, run.exitCode(), run::toString);
                assertEquals("chat: --topic: not UTF-8 text: the byte 0xFF at byte 2 is not part of a UTF-8 character\n",
                        run.err());
                assertEquals("", run.out());
                assertEquals(List.of(), graph.requests());
            }
        }
    }

    private static final String STDOUT_GONE = "stdout would not take it (closed, full, or a pipe nobody reads)";

    /** Exit 0 says the chat exists and its id was printed: where the id could not be, exit 5 and stderr has it. */
    @Test
    void aCreateWhoseIdStdoutWillNotTakeExits5WithTheIdOnStderr() throws Exception {
        String[] gone = {"\"$CHAT\" create --one-on-one" + PEOPLE + " >&-", "\"$CHAT\" create --one-on-one" + PEOPLE
                + " >/dev/full", "$JAVA_JAR create --one-on-one" + PEOPLE + " >/dev/full"};
        for (String script : gone) {
            try (FakeGraph graph = FakeGraph.start()) {
                graph.reply(Reply.asGraph());
                Run run = shell(against(graph), script);

                String id = graph.chats().all().get(0).id();
                assertEquals(5, run.exitCode(), script + ": " + run);
                assertEquals("chat: the chat " + id + " was created, but its id could not be written: " + STDOUT_GONE
                        + "\n", run.err(), script);
            }
        }
    }

    @Test
    void theVersionToAFullDiskIsNoSuccess() throws Exception {
        Run run = shell(Map.of(), "\"$CHAT\" --version >/dev/full");

        assertEquals(5, run.exitCode(), run::toString);
        assertEquals("chat: the result could not be written: " + STDOUT_GONE + "\n", run.err());
    }

    /**
     * A bulk run whose stdout fills takes no more lines (what is in flight ends, and is recorded), exits 5,
     * and names on stderr every chat it made: none is lost, and the journal has them all.
     */
    @Test
    void aBulkRunWhoseStdoutIsFullStopsTakingLinesAndNamesEveryChatItMade(@org.junit.jupiter.api.io.TempDir Path directory)
            throws Exception {
        Path input = directory.resolve("in.jsonl");
        Path journal = directory.resolve("journal");
        Files.write(input, chat.testing.ChatLines.generate(300));
        try (FakeGraph graph = FakeGraph.start().answeringAsGraph().delayEachCreate(java.time.Duration.ofMillis(200))) {
            Run run = shell(against(graph), "\"$CHAT\" create --from " + input + " --journal " + journal + " >/dev/full");

            List<String> made = graph.chats().all().stream().map(chat.testing.FakeChats.Chat::id).toList();
            assertEquals(5, run.exitCode(), run::toString);
            assertTrue(made.size() > 0 && made.size() < 150, "stopped taking lines: " + made.size() + " of 300 made");
            assertTrue(run.err().contains("chat: the results could not be written: " + "stdout would not take them"),
                    run::toString);
            String recorded = Files.readString(journal);
            for (String id : made) {
                assertTrue(run.err().contains(": " + id + " (created)\n"), id + " named: " + run.err());
                assertTrue(recorded.contains("\"id\":\"" + id + "\""), id + " recorded");
            }
        }
    }

    /** `| head -c1`: the reader goes away after one byte; what was made is still said, and the exit is 5. */
    @Test
    void aBulkRunWhoseReaderGoesAwayNamesEveryChatItMade(@org.junit.jupiter.api.io.TempDir Path directory)
            throws Exception {
        Path input = directory.resolve("in.jsonl");
        Files.write(input, chat.testing.ChatLines.generate(40));
        Path exit = directory.resolve("exit");
        try (FakeGraph graph = FakeGraph.start().answeringAsGraph().delayEachCreate(java.time.Duration.ofMillis(50))) {
            Run run = shell(against(graph), "\"$CHAT\" create --from " + input + " | head -c1 >/dev/null; "
                    + "echo \"${PIPESTATUS[0]}\" > " + exit);

            assertEquals("5", Files.readString(exit).strip(), run::toString);
            List<String> made = graph.chats().all().stream().map(chat.testing.FakeChats.Chat::id).toList();
            assertTrue(!made.isEmpty(), run::toString);
            for (String id : made) {
                assertTrue(run.err().contains(": " + id + " (created)\n"), id + " named: " + run.err());
            }
        }
    }
}
