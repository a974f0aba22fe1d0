package chat.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.cli.docs.HelpText;
import chat.errors.ExitCodes;
import chat.testing.CliRunner;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Help fits a screen: each command's own options, a few examples that can be copied as they are, and
 * one line naming where the rest is. The exit codes and the environment are written once, in topics.
 */
class HelpTest {

    @ParameterizedTest(name = "chat {0} --help: at most {1} lines")
    @CsvSource({"'', 40", "create, 90", "login, 40", "logout, 20", "status, 50", "generate-completion, 20"})
    void eachCommandsHelpFitsAScreenWithItsExamplesAndNoSharedTables(String command, int most) {
        String[] args = command.isEmpty() ? new String[] {"--help"} : new String[] {command, "--help"};
        CliRunner.Result result = CliRunner.offline().run(args);

        assertEquals(0, result.exitCode(), result::toString);
        assertEquals("", result.err());
        List<String> lines = result.out().lines().toList();
        assertTrue(lines.size() <= most, () -> lines.size() + " lines:\n" + result.out());
        assertTrue(lines.stream().allMatch(line -> line.length() <= 80), result::toString);
        assertFalse(result.out().contains("Exit codes:") || result.out().contains("Environment:")
                || result.out().contains("CHAT_ACCESS_TOKEN"), result::toString);

        List<HelpText.Example> examples = HelpText.examples(command.isEmpty() ? "chat" : command);
        assertTrue(!examples.isEmpty() && examples.size() <= 4, examples::toString);
        for (HelpText.Example example : examples) {
            for (String line : example.lines()) {
                // shown whole, on a line of its own: a line that wrapped could not be copied
                assertTrue(lines.contains("  " + line) || lines.contains("    " + line.strip()),
                        () -> "'" + line + "' is not a line of\n" + result.out());
            }
        }
        String page = command.isEmpty() ? "chat" : "chat-" + command;
        assertEquals("More: chat help exit-codes, chat help environment, man " + page + ".", lines.get(lines.size() - 1));
    }

    @Test
    void theOutputOptionSaysWhatEachCommandPrints() {
        String status = CliRunner.offline().run("status", "--help").out();
        String create = CliRunner.offline().run("create", "--help").out();

        assertTrue(status.contains("json: one") && !status.contains("for create"), status);
        assertTrue(create.contains("the chat's id alone"), create);
    }

    @Test
    void theEnvironmentIsATopicOfItsOwn() {
        CliRunner.Result result = CliRunner.offline().run("help", "environment");

        assertEquals(0, result.exitCode(), result::toString);
        assertEquals("", result.err());
        for (HelpText.Entry variable : HelpText.ENVIRONMENT) {
            assertTrue(result.out().contains("  " + variable.name()), () -> variable.name() + " missing:\n" + result.out());
        }
    }

    @Test
    void theExitCodesAreATopicOfTheirOwn() {
        CliRunner.Result result = CliRunner.offline().run("help", "exit-codes");

        assertEquals(0, result.exitCode(), result::toString);
        assertEquals("", result.err());
        for (String code : ExitCodes.descriptions().keySet()) {
            assertTrue(result.out().lines().anyMatch(line -> line.startsWith("  " + code.strip() + " ")),
                    () -> code + " missing:\n" + result.out());
        }
    }

    @Test
    void helpOfACommandIsItsHelp() {
        assertEquals(CliRunner.offline().run("create", "--help").out(), CliRunner.offline().run("help", "create").out());
    }

    @Test
    void anUnknownTopicIsRefusedNamingTheNearOne() {
        CliRunner.Result result = CliRunner.offline().run("help", "enviroment");

        assertEquals(2, result.exitCode(), result::toString);
        assertEquals("chat: 'enviroment' is neither a command nor a help topic: did you mean environment?\n",
                result.err());
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
