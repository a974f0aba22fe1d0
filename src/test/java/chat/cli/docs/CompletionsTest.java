package chat.cli.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.cli.ChatCli;
import chat.testing.CliRunner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** The checked-in completion scripts are what the command model generates today. */
class CompletionsTest {
    private static final Path CHECKED_IN = Path.of("completions");

    @ParameterizedTest
    @EnumSource(Completions.Shell.class)
    void theCheckedInScriptMatchesTheCommands(Completions.Shell shell) throws IOException {
        String generated = Completions.script(ChatCli.commandModel(), shell);
        String checkedIn = Files.readString(CHECKED_IN.resolve(shell.fileName()), StandardCharsets.UTF_8);

        assertEquals(generated, checkedIn, "completions/" + shell.fileName() + " no longer matches the commands: "
                + "regenerate with: mvn -q -DskipTests package && java -cp target/chat.jar chat.cli.Docs completions completions");
    }

    @ParameterizedTest
    @EnumSource(Completions.Shell.class)
    void everySubcommandAndOptionIsCompleted(Completions.Shell shell) {
        CommandLine root = ChatCli.commandModel();
        String script = Completions.script(root, shell);
        for (CommandLine sub : CommandModel.subcommands(root)) {
            assertTrue(script.contains(sub.getCommandName()), sub.getCommandName());
            for (OptionSpec option : sub.getCommandSpec().options()) {
                String longest = option.longestName();
                String shown = shell == Completions.Shell.FISH && longest.startsWith("--")
                        ? "-l " + longest.substring(2) : longest;
                assertTrue(script.contains(shown), () -> shell + " lacks " + sub.getCommandName() + " " + longest);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Completions.Shell.class)
    void generateCompletionPrintsTheSameScript(Completions.Shell shell) {
        CliRunner.Result result = new CliRunner().run("generate-completion", shell.name().toLowerCase());

        assertEquals(0, result.exitCode(), result::toString);
        assertEquals(Completions.script(ChatCli.commandModel(), shell), result.out());
        assertEquals("", result.err());
    }

    @ParameterizedTest
    @EnumSource(Completions.Shell.class)
    void theShellAcceptsItsScript(Completions.Shell shell) throws Exception {
        String program = shell.name().toLowerCase();
        Path binary = Path.of("/bin", program);
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(binary) || Files.isExecutable(
                Path.of("/usr/bin", program)), program + " is not installed here");
        Process check = new ProcessBuilder(program, "-n", CHECKED_IN.resolve(shell.fileName()).toString())
                .redirectErrorStream(true).start();
        String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(check.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, check.exitValue(), output);
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
        "chat generate-completion  | zsh",
        "chat create --from        | chats.jsonl",
        "chat create --journal     | chats.jsonl",
        "chat create -o            | json",
        "chat create --cloud       | usgov-dod",
        "chat help                 | exit-codes",
    })
    void fishCompletesValuesAndFiles(String line, String offered, @org.junit.jupiter.api.io.TempDir Path directory)
            throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/fish"))
                || Files.isExecutable(Path.of("/bin/fish")), "fish is not installed here");
        Files.createFile(directory.resolve("chats.jsonl"));
        Process fish = new ProcessBuilder("fish", "--no-config", "-c", "source "
                + CHECKED_IN.resolve("chat.fish").toAbsolutePath() + "; complete -C '" + line + " '")
                .directory(directory.toFile()).redirectErrorStream(true).start();
        String output = new String(fish.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(fish.waitFor(30, TimeUnit.SECONDS));

        assertTrue(output.lines().anyMatch(candidate -> candidate.split("\t")[0].equals(offered)), output);
    }

    @org.junit.jupiter.api.Test
    void anUnknownShellIsRefused() {
        CliRunner.Result result = new CliRunner().run("generate-completion", "powershell");

        assertEquals(2, result.exitCode());
        assertEquals("chat: 'powershell' is not a shell chat completes: give bash, zsh or fish\n", result.err());
    }
}
