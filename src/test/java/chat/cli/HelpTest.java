package chat.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.testing.CliRunner;
import java.util.List;
import org.junit.jupiter.api.Test;

class HelpTest {

    @Test
    void createHelpListsEveryOptionTheExitCodesAndTheEnvironment() {
        CliRunner.Result result = CliRunner.offline().run("create", "--help");

        assertEquals(0, result.exitCode());
        assertEquals("", result.err());
        for (String expected : List.of("--one-on-one", "--group", "--member", "--guest", "--federated", "--topic",
                "--install-app", "--output", "--dry-run", "--cloud", "--max-retries", "--timeout", "--verbose",
                "Exit codes:", "  3   No credential", "  5   No usable answer", "Environment:", "CHAT_ACCESS_TOKEN",
                "CHAT_CLOUD", "HTTPS_PROXY", "NO_PROXY", "Examples:", "--federated USER_ID=TENANT_ID")) {
            assertTrue(result.out().contains(expected), () -> "help lacks " + expected + ":\n" + result.out());
        }
    }

    @Test
    void versionNamesTheToolAndTheJavaRuntime() {
        CliRunner.Result result = CliRunner.offline().run("--version");

        assertEquals(0, result.exitCode());
        assertTrue(result.out().matches("(?s)chat \\d+\\.\\d+\\.\\d+.*\nJava .+\n"), result.out());
    }

    @Test
    void chatAloneShowsTheOverviewOnStderr() {
        CliRunner.Result result = CliRunner.offline().run();

        assertEquals(2, result.exitCode());
        assertEquals("", result.out());
        assertTrue(result.err().contains("create"), result.err());
    }
}
