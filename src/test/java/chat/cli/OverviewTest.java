package chat.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.testing.CliRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The overview and --version are answered without building the subcommands' models: what they show
 * must be what the whole model shows.
 */
class OverviewTest {
    private static final String OVERVIEW = ChatCli.commandModel().getUsageMessage();

    @ParameterizedTest
    @ValueSource(strings = {"--help", "-h", "-hV", "-V --help", "--help create"})
    void helpAtTheRootIsTheOverviewOfTheWholeModel(String args) {
        CliRunner.Result result = new CliRunner().run(args.split(" "));

        assertEquals(0, result.exitCode(), result::toString);
        assertEquals(OVERVIEW, result.out());
        assertEquals("", result.err());
    }

    @Test
    void theOverviewListsEverySubcommandWithItsSummary() {
        for (String line : new String[] {"  create               Create a Microsoft Teams chat and print its id.",
            "  logout               Forget every account `chat login` remembered, and their",
            "  help                 Show a command's help, or a topic: environment,"}) {
            assertTrue(OVERVIEW.contains(line + "\n"), () -> "no '" + line + "' in\n" + OVERVIEW);
        }
    }

    @Test
    void chatAloneShowsTheSameOverviewOnStderr() {
        CliRunner.Result result = new CliRunner().run();

        assertEquals(2, result.exitCode());
        assertEquals(OVERVIEW, result.err());
    }

    @Test
    void aMistypedCommandIsMatchedToTheCommandsItResembles() {
        CliRunner.Result result = new CliRunner().run("craete", "--one-on-one");

        assertEquals(2, result.exitCode());
        assertEquals("chat: 'craete' is not a command: did you mean create?\n", result.err());
    }

    @ParameterizedTest
    @ValueSource(strings = {"--version", "-V"})
    void versionAloneNamesTheToolAndTheRuntime(String args) {
        CliRunner.Result result = new CliRunner().run(args.split(" "));

        assertEquals(0, result.exitCode(), result::toString);
        assertEquals("chat " + Version.number() + " (commit " + Version.commit() + ")\nJava "
                + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ", "
                + System.getProperty("java.home") + ")\n", result.out());
    }
}
