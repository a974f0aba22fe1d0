package chat.cli;

import static com.github.stefanbirkner.systemlambda.SystemLambda.tapSystemErr;
import static com.github.stefanbirkner.systemlambda.SystemLambda.tapSystemOut;
import static com.github.stefanbirkner.systemlambda.SystemLambda.withEnvironmentVariable;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.testing.FakeGraph;
import chat.testing.Reply;
import org.junit.jupiter.api.Test;

/** The real entry point reads the real process environment (the rest of the tests inject one). */
class ProcessEnvironmentTest {

    @Test
    void theProcessEnvironmentConfiguresARealRun() throws Exception {
        try (FakeGraph graph = FakeGraph.start()) {
            graph.reply(Reply.asGraph());
            int[] exitCode = new int[1];
            String out = tapSystemOut(() -> withEnvironmentVariable("CHAT_ACCESS_TOKEN", "token-from-the-process")
                    .and("CHAT_GRAPH_URL", graph.url())
                    .and("CHAT_CLOUD", "usgov")
                    .execute(() -> exitCode[0] = ChatCli.run("create", "--one-on-one", "-m", "a@contoso.com",
                            "-m", "b@contoso.com")));

            assertEquals(0, exitCode[0]);
            assertTrue(out.endsWith("@unq.gbl.spaces" + System.lineSeparator()), out);
            assertEquals("Bearer token-from-the-process", graph.requests().get(0).header("Authorization"));
            assertTrue(graph.requests().get(0).body().contains("https://graph.microsoft.us/v1.0/users('a@contoso.com')"));
        }
    }

    @Test
    void withoutAnyCredentialTheRealEntryPointExitsThree() throws Exception {
        int[] exitCode = new int[1];
        String err = tapSystemErr(() -> withEnvironmentVariable("CHAT_ACCESS_TOKEN", null)
                .and("CHAT_CONFIG_DIR", java.nio.file.Files.createTempDirectory("chat-config").toString())
                .execute(() -> exitCode[0] = ChatCli.run("create", "--one-on-one", "-m", "a@contoso.com",
                        "-m", "b@contoso.com")));

        assertEquals(3, exitCode[0]);
        assertTrue(err.startsWith("chat: no credential: set CHAT_ACCESS_TOKEN"), err);
        assertTrue(err.contains("chat login"), err);
    }
}
