package chat.cli;

import chat.output.ExitCodes;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** `chat`: its subcommands are added by {@link ChatCli}, only those a run needs. */
@Command(name = "chat", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Create Microsoft Teams chats through Microsoft Graph.")
public final class RootCommand implements Callable<Integer> {
    /** Every subcommand, in the order help lists them. */
    static final Map<String, Class<?>> SUBCOMMANDS = subcommands();

    private static Map<String, Class<?>> subcommands() {
        Map<String, Class<?>> commands = new LinkedHashMap<>();
        commands.put("create", CreateCommand.class);
        commands.put("login", LoginCommand.class);
        commands.put("logout", LogoutCommand.class);
        commands.put("status", StatusCommand.class);
        commands.put("generate-completion", GenerateCompletionCommand.class);
        commands.put("help", HelpCommand.class);
        return Collections.unmodifiableMap(commands);
    }

    @Spec
    CommandSpec spec;

    /** `chat` alone: the overview, on stderr, since no result was asked for. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }
}
