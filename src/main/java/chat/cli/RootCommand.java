package chat.cli;

import chat.errors.ExitCodes;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
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

    /**
     * A subcommand as the overview lists it, its names and summary read from its {@code @Command}
     * alone: the whole model (every option of every mixin) is what makes a short run slow.
     */
    static CommandSpec summary(Class<?> type) {
        Command command = type.getAnnotation(Command.class);
        CommandSpec summary = CommandSpec.create().name(command.name()).aliases(command.aliases());
        summary.usageMessage().header(command.header()).description(command.description()).hidden(command.hidden());
        return summary;
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
