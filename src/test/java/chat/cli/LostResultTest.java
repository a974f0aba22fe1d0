package chat.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.testing.ChatLines;
import chat.testing.CliRunner;
import chat.testing.FakeChats;
import chat.testing.FakeGraph;
import chat.testing.Reply;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A result stdout will not take (a full disk, a closed pipe) is no success: exit 5, and stderr names
 * the chat made or found, so that a script never makes it again for want of its id.
 */
class LostResultTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] GROUP = {"create", "--group", "--topic", "Incident 4711", "-m", "jacob@contoso.com",
        "-m", "alex@contoso.com"};

    @TempDir
    Path directory;

    @Test
    void withJsonOutputTheErrorLineNamesTheChatMade() throws Exception {
        try (FakeGraph graph = FakeGraph.start()) {
            graph.reply(Reply.asGraph());
            CliRunner.Result result = CliRunner.against(graph).stdoutTakes(0).run(with(GROUP, "-o", "json"));

            String id = graph.chats().all().get(0).id();
            assertEquals(5, result.exitCode(), result::toString);
            List<String> err = result.err().lines().toList();
            assertEquals("chat: the chat " + id + " was created, but its id could not be written: stdout would not take "
                    + "it (closed, full, or a pipe nobody reads)", err.get(0));
            JsonNode error = JSON.readTree(err.get(1)).get("error");
            assertEquals(5, error.get("exitCode").asInt());
            assertEquals(id, error.get("chatId").asText());
        }
    }

    @Test
    void aChatFoundIsSaidToBeFound() {
        try (FakeGraph graph = FakeGraph.start().answeringAsGraph()) {
            FakeChats.Chat existing = graph.chats().seedGroup("Incident 4711", Instant.now(), "jacob@contoso.com",
                    "alex@contoso.com");
            CliRunner.Result result = CliRunner.against(graph).stdoutTakes(10)
                    .run(with(GROUP, "--if-exists", "reuse"));

            assertEquals(5, result.exitCode(), result::toString);
            assertTrue(result.err().contains("chat: the chat " + existing.id() + " was found, but its id could not be "
                    + "written"), result::toString);
            assertEquals(existing.id().substring(0, 10), result.out(), "what stdout took before it filled");
        }
    }

    /** The run stops taking lines; the journal has what it made, and a run again makes none of it twice. */
    @Test
    void aBulkRunStopsTakingLinesAndARunAgainWithItsJournalGoesOn() throws Exception {
        Path input = directory.resolve("in.jsonl");
        Path journal = directory.resolve("journal");
        Files.write(input, ChatLines.generate(30));
        try (FakeGraph graph = FakeGraph.start().answeringAsGraph()) {
            CliRunner.Result first = CliRunner.against(graph).stdoutTakes(0)
                    .run("create", "--from", input.toString(), "--journal", journal.toString());
            int madeFirst = graph.chats().all().size();
            CliRunner.Result again = CliRunner.against(graph)
                    .run("create", "--from", input.toString(), "--journal", journal.toString());

            assertEquals(5, first.exitCode(), first::toString);
            for (FakeChats.Chat chat : graph.chats().all().subList(0, madeFirst)) {
                assertTrue(first.err().contains(": " + chat.id() + " (created)\n"), chat.id() + ": " + first.err());
            }
            assertTrue(first.err().contains("chat: the results could not be written: stdout would not take them "
                    + "(closed, full, or a pipe nobody reads), so the run stopped taking lines; the journal " + journal
                    + " has what became of each; the chats made or found:\n"), first::toString);
            assertEquals(0, again.exitCode(), again::toString);
            assertEquals(30, again.jsonLines().size());
            assertEquals(30, graph.creates().size(), "each chat made once, over both runs");
            assertEquals(0, graph.chats().duplicateGroups());
        }
    }

    private static String[] with(String[] command, String... more) {
        return java.util.stream.Stream.concat(java.util.Arrays.stream(command), java.util.Arrays.stream(more))
                .toArray(String[]::new);
    }
}
