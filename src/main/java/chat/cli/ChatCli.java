package chat.cli;

import chat.cli.docs.HelpText;
import chat.create.IfExists;
import chat.errors.ExitCodes;
import chat.errors.UsageException;
import chat.output.OutputFormat;
import chat.output.ResultNotWrittenException;
import java.util.List;
import java.util.function.Function;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine;

/**
 * The one place that builds the command line and runs it: the commands with their context, the help
 * sections, and every failure mapped to one line on stderr and an exit code ({@link Failures}).
 */
public final class ChatCli {
    private ChatCli() {
    }

    /** The real process: its environment, streams and clock, and its arguments as they were typed. */
    public static int run(String... args) {
        ProcessArguments.Read typed = ProcessArguments.read(args, ProcessArguments::ofThisProcess);
        return execute(CliContext.system(), typed.problem(), typed.args());
    }

    public static int execute(CliContext context, String... args) {
        return execute(context, null, args);
    }

    /** @param argumentProblem why the words typed cannot be taken (not text), said once they are parsed; else null */
    @SuppressWarnings("try") // the registration is held for the block, and undone after it
    static int execute(CliContext context, String argumentProblem, String... args) {
        if (argumentProblem == null && StartUpShortcuts.willSend(args)) {
            context.http().prestart(); // TLS set-up overlaps parsing, validation and sign-in
        }
        Thread command = Thread.currentThread();
        try (Signals.Registration interrupts = context.signals().onStop(command::interrupt)) {
            CommandLine commandLine = commandLine(context, args);
            if (argumentProblem != null) {
                // refused as the command's own usage error, so that -o json still gets its error line
                commandLine.setExecutionStrategy(parsed -> {
                    List<CommandLine> commands = parsed.asCommandLineList();
                    throw new CommandLine.ExecutionException(commands.get(commands.size() - 1), argumentProblem,
                            new UsageException(argumentProblem));
                });
            }
            int exitCode = commandLine.execute(args);
            if (exitCode == ExitCodes.OK && context.out().checkError()) {
                // --version, --help, a dry run, status: exit 0 would say the result was printed
                return new Failures(context.err()).handleExecutionException(ResultNotWrittenException.result(),
                        commandLine, null);
            }
            return exitCode;
        } finally {
            context.http().close();
        }
    }

    /** The whole command model, for generating completions and man pages: every subcommand, as `chat help` has. */
    public static CommandLine commandModel() {
        java.io.PrintWriter nowhere = new java.io.PrintWriter(java.io.Writer.nullWriter());
        return commandLine(new CliContext(java.util.Map.of(), java.io.InputStream.nullInputStream(), nowhere, nowhere,
                java.time.Clock.systemUTC(), duration -> { }, new java.util.Random(),
                new chat.http.JdkHttpStack(java.util.Map.of(), () -> null), Terminal.none(), Signals.none()), "help");
    }

    static CommandLine commandLine(CliContext context, String... args) {
        Wiring wiring = new Wiring(context);
        CommandLine commandLine = new CommandLine(new RootCommand());
        StartUpShortcuts.Models models = StartUpShortcuts.models(args);
        Class<?> named = StartUpShortcuts.named(args);
        RootCommand.SUBCOMMANDS.forEach((name, type) -> {
            if (models == StartUpShortcuts.Models.ALL || models == StartUpShortcuts.Models.NAMED && named == type) {
                commandLine.addSubcommand(name, newCommand(wiring, type));
            } else if (models == StartUpShortcuts.Models.SUMMARIES) {
                commandLine.addSubcommand(name, RootCommand.summary(type));
            }
        });
        Failures failures = new Failures(context.err());
        commandLine.setOut(context.out())
                .setErr(context.err())
                .setExecutionExceptionHandler(failures)
                .setParameterExceptionHandler(failures)
                .registerConverter(OutputFormat.class, value -> parsed(OutputFormat::parse, value))
                .registerConverter(IfExists.class, value -> parsed(IfExists::parse, value));
        HelpText.addTo(commandLine);
        commandLine.getSubcommands().values().forEach(HelpText::addTo);
        return commandLine;
    }

    /**
     * -o and --if-exists, whose values (and their completions) are their enums' lower-case names: a
     * value refused is said in chat's words, as picocli says what its own conversions refuse.
     */
    private static <T> T parsed(Function<String, T> parse, String value) {
        try {
            return parse.apply(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }

    /**
     * A command given the run's wiring; `help`, which needs none, made by picocli from its class. Made
     * from RootCommand.SUBCOMMANDS, a map of classes, as the overview reads each one's @Command from its
     * class and makes none.
     */
    private static Object newCommand(Wiring wiring, Class<?> type) {
        if (type == HelpCommand.class) {
            return type;
        }
        try {
            return type.getDeclaredConstructor(Wiring.class).newInstance(wiring);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot make the " + type.getSimpleName() + " command", e);
        }
    }
}
