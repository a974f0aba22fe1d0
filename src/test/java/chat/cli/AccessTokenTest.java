package chat.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.testing.CliRunner;
import chat.testing.FakeGraph;
import chat.testing.Reply;
import chat.testing.Tokens;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A token given in CHAT_ACCESS_TOKEN is told as what chat knows of it: one it cannot read is sent as
 * it is for nobody in particular, one that has expired or is no token at all is refused before
 * anything is sent.
 */
class AccessTokenTest {
    private static final String JACOB = "jacob@contoso.com";
    private static final String ALEX = "alex@contoso.com";
    private static final String OPAQUE = "opaque-token-0123456789";
    private static final String UNKNOWN_KIND = "chat: the token in CHAT_ACCESS_TOKEN is not a JSON Web Token, whose "
            + "claims chat could read, so whom it acts for is unknown: it is sent as it is, and nobody is added to the "
            + "chat for it\n";

    @TempDir
    Path directory;

    @Test
    void aTokenOfUnknownKindIsSentAsItIsAndAddsNobody() throws Exception {
        try (FakeGraph graph = FakeGraph.start().reply(Reply.asGraph())) {
            CliRunner.Result result = CliRunner.against(graph).env("CHAT_ACCESS_TOKEN", OPAQUE)
                    .run("create", "--one-on-one", "-m", JACOB, "-m", ALEX);

            assertEquals(0, result.exitCode(), result::toString);
            assertEquals(UNKNOWN_KIND, result.err());
            assertEquals("Bearer " + OPAQUE, graph.creates().get(0).header("Authorization"));
            JsonNode members = new ObjectMapper().readTree(graph.creates().get(0).body()).get("members");
            assertEquals(2, members.size(), "the two listed, nobody added: " + members);
        }
    }

    @Test
    void aTokenOfUnknownKindIsNotRefusedAMessageAndGraphsRefusalIsExplained() {
        try (FakeGraph graph = FakeGraph.start().reply(Reply.asGraph(), Reply.asGraph())) {
            CliRunner.Result result = CliRunner.against(graph).env("CHAT_ACCESS_TOKEN", OPAQUE)
                    .run("create", "--group", "-m", JACOB, "-m", ALEX, "--message", "hello");

            assertEquals(4, result.exitCode(), result::toString);
            assertEquals(graph.chats().all().get(0).id() + "\n", result.out());
            assertEquals(1, graph.messagePosts().size(), "the message was sent for Graph to judge");
            List<String> lines = result.err().lines().toList();
            assertEquals(2, lines.size(), result::toString);
            assertEquals(UNKNOWN_KIND.strip(), lines.get(0));
            assertTrue(lines.get(1).contains("its message was not posted: Graph refused the request: 403"), result::toString);
        }
    }

    @Test
    void aTokenOfUnknownKindAddsNobodySoOnePersonIsNoOneOnOneChat() {
        CliRunner.Result result = CliRunner.offline().env("CHAT_ACCESS_TOKEN", OPAQUE)
                .run("create", "--one-on-one", "-m", ALEX);

        assertEquals(2, result.exitCode(), result::toString);
        assertTrue(result.err().startsWith("chat: a one-on-one chat is between exactly two people, and 1 is listed"),
                result::toString);
    }

    @Test
    void aTokenWithNeitherScopesNorRolesIsOfUnknownKindToo() {
        String neither = Tokens.unsigned("{\"aud\":\"https://graph.microsoft.com\"}");
        CliRunner.Result result = CliRunner.offline().env("CHAT_ACCESS_TOKEN", neither)
                .run("create", "--one-on-one", "-m", JACOB, "-m", ALEX, "--dry-run");

        assertEquals(0, result.exitCode(), result::toString);
        assertEquals("chat: the token in CHAT_ACCESS_TOKEN has neither scopes (a person's) nor roles (an application's), "
                + "so whom it acts for is unknown: it is sent as it is, and nobody is added to the chat for it\n",
                result.err());
    }

    @Test
    void anExpiredTokenIsRefusedBeforeAnythingIsSent() throws Exception {
        CliRunner runner = CliRunner.offline();
        Instant expired = runner.clock().instant().minus(90, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
        runner.env("CHAT_ACCESS_TOKEN", Tokens.unsigned("{\"roles\":[\"Chat.Create\"],\"exp\":"
                + expired.getEpochSecond() + "}"));
        String refusal = "chat: the token in CHAT_ACCESS_TOKEN expired at " + expired + " (90 min ago): get a new one\n";
        Path input = Files.writeString(directory.resolve("chats.jsonl"), "{\"chatType\":\"oneOnOne\",\"members\":["
                + member(JACOB) + "," + member(ALEX) + "]}\n");

        for (String[] args : List.of(new String[] {"create", "--one-on-one", "-m", JACOB, "-m", ALEX},
                new String[] {"create", "--from", input.toString()}, new String[] {"status"})) {
            CliRunner.Result result = runner.run(args);

            assertEquals(3, result.exitCode(), result::toString);
            assertTrue(result.err().endsWith(refusal), result::toString);
            assertEquals(1, result.err().lines().count(), result::toString);
        }
        assertEquals(0, runner.run("create", "--one-on-one", "-m", JACOB, "-m", ALEX, "--dry-run").exitCode(),
                "a dry run sends nothing, and needs no token that works");
    }

    private static String member(String user) {
        return "{\"@odata.type\":\"#microsoft.graph.aadUserConversationMember\",\"roles\":[\"owner\"],"
                + "\"user@odata.bind\":\"https://graph.microsoft.com/v1.0/users('" + user + "')\"}";
    }

    @ParameterizedTest(name = "CHAT_ACCESS_TOKEN=''{0}''")
    @ValueSource(strings = {"Bearer ", "bearer", "  BEARER  "})
    void bearerAndNoTokenIsRefusedAndNothingSent(String value) {
        CliRunner.Result result = CliRunner.offline().env("CHAT_ACCESS_TOKEN", value)
                .run("create", "--one-on-one", "-m", JACOB, "-m", ALEX);

        assertEquals(3, result.exitCode(), result::toString);
        assertEquals("chat: CHAT_ACCESS_TOKEN holds 'Bearer' and no token after it: set it to the token\n",
                result.err());
    }

    @Test
    void aDryRunWithNoCredentialSaysThatASignedInPersonWouldBeAdded() {
        CliRunner.Result result = CliRunner.offline().run("create", "--one-on-one", "-m", ALEX, "--dry-run", "-o", "json");

        assertEquals(0, result.exitCode(), result::toString);
        assertTrue(result.out().contains("users('alex@contoso.com')"), result::toString);
        assertEquals("chat: not signed in: a person's sign-in (chat login) would add the signed-in user to this chat as "
                + "an owner, unless listed; an application's credential would send it as shown\n", result.err());
    }
}
