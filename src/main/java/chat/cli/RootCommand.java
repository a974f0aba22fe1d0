package chat.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "chat", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Create Microsoft Teams chats through Microsoft Graph.",
        subcommands = {CreateCommand.class, LoginCommand.class, LogoutCommand.class, StatusCommand.class,
            GenerateCompletionCommand.class, HelpCommand.class})
public final class RootCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    /** `chat` alone: the overview, on stderr, since no result was asked for. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }
}
