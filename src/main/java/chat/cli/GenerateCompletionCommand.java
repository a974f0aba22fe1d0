package chat.cli;

import chat.cli.docs.Completions;
import chat.errors.ExitCodes;
import chat.errors.UsageException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "generate-completion", sortOptions = false,
        description = "Print the shell completion script for bash, zsh or fish.")
public final class GenerateCompletionCommand implements Callable<Integer> {
    private final Wiring wiring;

    @Parameters(index = "0", arity = "0..1", paramLabel = "SHELL", defaultValue = "bash",
            completionCandidates = ShellNames.class, description = "bash (default), zsh or fish.")
    String shell;

    @Option(names = {"-h", "--help"}, usageHelp = true, order = 99, description = "Show this help and exit.")
    boolean help;

    public GenerateCompletionCommand(Wiring wiring) {
        this.wiring = wiring;
    }

    static final class ShellNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return java.util.List.of("bash", "zsh", "fish").iterator();
        }
    }

    @Override
    public Integer call() {
        Completions.Shell chosen;
        try {
            chosen = Completions.Shell.parse(shell);
        } catch (IllegalArgumentException e) {
            throw new UsageException("'" + shell + "' is not a shell chat completes: give bash, zsh or fish");
        }
        // The whole model: this run built only the subcommand it runs.
        wiring.context().out().print(Completions.script(ChatCli.commandModel(), chosen));
        wiring.context().out().flush();
        return ExitCodes.OK;
    }
}
