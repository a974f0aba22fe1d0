package chat.bulk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.testing.ChatLines;
import chat.testing.CliRunner;
import chat.testing.FakeGraph;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** --from files that are not what they claim: refused with the line and the reason, nothing sent, no hang. */
class HostileInputTest {
    private static final String GOOD = ChatLines.generate(2).get(1);

    @TempDir
    Path directory;

    static Stream<Arguments> badSecondLines() {
        return Stream.of(
                Arguments.of("two objects on a line", (GOOD + GOOD).getBytes(StandardCharsets.UTF_8),
                        "line 2: there is more after the JSON object: a line holds exactly one create-chat body"),
                Arguments.of("garbage after the object", (GOOD + " garbage").getBytes(StandardCharsets.UTF_8),
                        "line 2: there is more after the JSON object"),
                Arguments.of("a trailing NUL", (GOOD + "\u0000").getBytes(StandardCharsets.UTF_8),
                        "line 2: there is more after the JSON object"),
                Arguments.of("a property twice", GOOD.replace("{\"chatType\":\"group\",",
                        "{\"chatType\":\"group\",\"chatType\":\"oneOnOne\",").getBytes(StandardCharsets.UTF_8),
                        "line 2: 'chatType' is given twice"),
                Arguments.of("Latin-1, not UTF-8", GOOD.replace("Welcome", "Caf\u00e9").getBytes(StandardCharsets.ISO_8859_1),
                        "line 2: not UTF-8 text: the byte 0xE9 at byte"),
                Arguments.of("a cut UTF-8 character", concat(GOOD.substring(0, 40).getBytes(StandardCharsets.UTF_8),
                        new byte[] {(byte) 0xC3}), "line 2: not UTF-8 text: the byte 0xC3"));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = new byte[a.length + b.length];
        System.arraycopy(a, 0, both, 0, a.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    private static byte[] input(byte[] secondLine) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write((GOOD + "\n").getBytes(StandardCharsets.UTF_8));
        bytes.write(secondLine);
        bytes.write(("\n" + GOOD.replace("Welcome", "Hello") + "\n").getBytes(StandardCharsets.UTF_8));
        return bytes.toByteArray();
    }

    @ParameterizedTest(name = "{0}, in a file")
    @MethodSource("badSecondLines")
    void aBadLineInAFileIsRefusedWithItsNumber(String name, byte[] secondLine, String why) throws IOException {
        Path file = directory.resolve("in.jsonl");
        Files.write(file, input(secondLine));
        try (FakeGraph graph = FakeGraph.start()) {
            CliRunner.Result result = CliRunner.against(graph).run("create", "--from", file.toString());

            assertRefused(result, graph, why);
        }
    }

    @ParameterizedTest(name = "{0}, on stdin")
    @MethodSource("badSecondLines")
    void aBadLineOnStdinIsRefusedTheSameWay(String name, byte[] secondLine, String why) throws IOException {
        try (FakeGraph graph = FakeGraph.start()) {
            CliRunner.Result result = CliRunner.against(graph).stdin(input(secondLine)).run("create", "--from", "-");

            assertRefused(result, graph, why);
        }
    }

    private static void assertRefused(CliRunner.Result result, FakeGraph graph, String why) {
        assertEquals(2, result.exitCode(), result::toString);
        assertEquals("", result.out());
        List<String> errors = result.err().lines().toList();
        assertTrue(errors.get(0).startsWith("chat: " + why), result::toString);
        assertEquals("chat: 1 of 3 lines is not a chat chat can create; nothing was sent", errors.get(1));
        assertFalse(result.err().contains("Exception"), result::toString);
        assertEquals(List.of(), graph.requests());
    }

    @Test
    void anEndlessLineEndsAtTheLineLimit() {
        try (FakeGraph graph = FakeGraph.start()) {
            CliRunner.Result result = assertTimeoutPreemptively(Duration.ofSeconds(20),
                    () -> CliRunner.against(graph).run("create", "--from", "/dev/zero"));

            assertEquals(2, result.exitCode(), result::toString);
            assertEquals("chat: line 1 is longer than 256 KiB: a line is one chat's create body\n"
                    + "chat: line 1 is too long; nothing was sent\n", result.err());
            assertEquals(List.of(), graph.requests());
        }
    }

    @Test
    void anEndlessInputEndsAtTheLinesLimit() {
        byte[] endless = "\n".repeat(BulkInput.MAX_LINES + 5).getBytes(StandardCharsets.US_ASCII);
        try (FakeGraph graph = FakeGraph.start()) {
            CliRunner.Result result = CliRunner.against(graph).stdin(endless).run("create", "--from", "-");

            assertEquals(2, result.exitCode(), result::toString);
            assertTrue(result.err().startsWith("chat: the input goes on past 100000 lines: split it into several runs"),
                    result::toString);
        }
    }

    /** A chat holds 250 people: a line of more, the signed-in user counted, is refused before anything is sent. */
    @Test
    void aLineOfMoreThanAChatHoldsIsRefused() throws IOException {
        StringBuilder members = new StringBuilder();
        for (int i = 1; i <= 251; i++) {
            members.append(i == 1 ? "" : ",").append("{\"@odata.type\":\"#microsoft.graph.aadUserConversationMember\","
                    + "\"roles\":[\"owner\"],\"user@odata.bind\":\"https://graph.microsoft.com/v1.0/users('p" + i
                    + "@contoso.com')\"}");
        }
        Path file = directory.resolve("big.jsonl");
        Files.writeString(file, GOOD + "\n{\"chatType\":\"group\",\"members\":[" + members + "]}\n");
        String person = chat.testing.Tokens.unsigned("{\"scp\":\"Chat.Create\",\"upn\":\"me@contoso.com\","
                + "\"oid\":\"9d3c8a31-5f0b-4a7e-8d2c-1b4e6f7a8c9d\"}");
        try (FakeGraph graph = FakeGraph.start()) {
            CliRunner.Result result = CliRunner.against(graph).env("CHAT_ACCESS_TOKEN", person)
                    .run("create", "--from", file.toString());

            assertEquals(2, result.exitCode(), result::toString);
            assertTrue(result.err().startsWith("chat: line 2: a chat holds at most 250 people, and 251 are listed"),
                    result::toString);
            assertEquals(List.of(), graph.requests());
        }
    }

    @Test
    void manyBadLinesAreShownTwentyAndCounted() throws IOException {
        Path file = directory.resolve("in.jsonl");
        Files.writeString(file, "nonsense\n".repeat(25));
        CliRunner.Result result = new CliRunner().run("create", "--from", file.toString(), "--dry-run");

        assertEquals(2, result.exitCode(), result::toString);
        List<String> errors = result.err().lines().toList();
        assertEquals(22, errors.size(), result::toString);
        assertEquals("chat: … and 5 more", errors.get(20));
        assertEquals("chat: 25 of 25 lines are not a chat chat can create; nothing was sent", errors.get(21));
    }

    @Test
    void windowsLineEndsAndAByteOrderMarkAreText() throws IOException {
        Path file = directory.resolve("in.jsonl");
        Files.write(file, ("\uFEFF" + GOOD + "\r\n" + GOOD.replace("Welcome", "Hello") + "\r\n").getBytes(StandardCharsets.UTF_8));
        CliRunner.Result result = new CliRunner().run("create", "--from", file.toString(), "--dry-run");

        assertEquals(0, result.exitCode(), result::toString);
        assertEquals(List.of(GOOD, GOOD.replace("Welcome", "Hello")), result.out().lines().toList());
    }

    @Test
    void aCopyThatCannotBeKeptSaysWhereAndHowToChoose() throws IOException {
        Path input = directory.resolve("in.jsonl");
        Files.writeString(input, GOOD + "\n");
        CliRunner.Result result = new CliRunner().env("TMPDIR", directory.resolve("none").toString())
                .run("create", "--from", input.toString(), "--dry-run");

        assertEquals(2, result.exitCode(), result::toString);
        assertEquals("chat: --from " + input + ": cannot keep a copy of it in " + directory.resolve("none")
                + " (set TMPDIR to choose where): no such directory\n", result.err());
    }

    @Test
    void aDirectoryOrAMissingFileIsNamed() {
        CliRunner.Result directoryInput = new CliRunner().run("create", "--from", directory.toString());
        CliRunner.Result missing = new CliRunner().run("create", "--from", directory.resolve("nothing").toString());

        assertEquals(2, directoryInput.exitCode(), directoryInput::toString);
        assertEquals("chat: --from " + directory + " is a directory: give a file of JSON lines\n", directoryInput.err());
        assertEquals(2, missing.exitCode(), missing::toString);
        assertEquals("chat: --from " + directory.resolve("nothing") + ": no such file\n", missing.err());
    }
}
