package chat.cli;

import chat.output.ExitCodes;
import chat.json.Json;
import chat.output.ErrorReport;
import chat.output.Failure;
import chat.output.OneLine;
import chat.output.OutputFormat;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IFactory;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The one place that builds the command line: the commands with their context, the help sections,
 * and the mapping of every failure to one line on stderr and an exit code.
 */
public final class ChatCli {
    private ChatCli() {
    }

    /** The real process: its environment, streams and clock. */
    public static int run(String... args) {
        return execute(CliContext.system(), args);
    }

    @SuppressWarnings("try") // the registration is held for the block, and undone after it
    public static int execute(CliContext context, String... args) {
        if (willSend(args)) {
            context.http().prestart(); // TLS set-up overlaps parsing, validation and sign-in
        }
        Thread command = Thread.currentThread();
        try (Signals.Registration interrupts = context.signals().onStop(command::interrupt)) {
            return commandLine(context, args).execute(args);
        } finally {
            context.http().close();
        }
    }

    /** A guess from the raw words, before parsing: a wrong guess costs only an unused client. */
    static boolean willSend(String... args) {
        if (args.length == 0 || !List.of("create", "status", "login").contains(args[0])) {
            return false;
        }
        for (String arg : args) {
            if (arg.equals("--dry-run") || arg.equals("-h") || arg.equals("--help")) {
                return false;
            }
        }
        return true;
    }

    /** The whole command model, for generating completions and man pages: every subcommand, as `chat help` has. */
    public static CommandLine commandModel() {
        java.io.PrintWriter nowhere = new java.io.PrintWriter(java.io.Writer.nullWriter());
        return commandLine(new CliContext(java.util.Map.of(), java.io.InputStream.nullInputStream(), nowhere, nowhere,
                java.time.Clock.systemUTC(), duration -> { }, new java.util.Random(),
                new chat.http.HttpStack(java.util.Map.of(), () -> null), Terminal.none(), Signals.none()), "help");
    }

    static CommandLine commandLine(CliContext context, String... args) {
        ContextFactory factory = new ContextFactory(context);
        CommandLine commandLine = new CommandLine(new RootCommand(), factory);
        // Building a command's model is most of a short run's work: a run that names its subcommand
        // gets that one alone, `help` or a subcommand after root options all of them; --version none,
        // and the overview (--help, a typo, nothing) only what it lists of each: names and summary.
        Class<?> named = args.length > 0 ? RootCommand.SUBCOMMANDS.get(args[0]) : null;
        boolean all = named == picocli.CommandLine.HelpCommand.class
                || named == null && Arrays.stream(args).anyMatch(RootCommand.SUBCOMMANDS::containsKey);
        if (named != null || all) {
            RootCommand.SUBCOMMANDS.forEach((name, type) -> {
                if (all || named == type) {
                    commandLine.addSubcommand(name, newCommand(factory, type));
                }
            });
        } else if (!RootCommand.asksForVersionOnly(args)) {
            RootCommand.SUBCOMMANDS.forEach((name, type) -> commandLine.addSubcommand(name, RootCommand.summary(type)));
        }
        Failures failures = new Failures(context.err());
        commandLine.setOut(context.out())
                .setErr(context.err())
                .setExecutionExceptionHandler(failures)
                .setParameterExceptionHandler(failures);
        HelpText.addTo(commandLine);
        commandLine.getSubcommands().values().forEach(HelpText::addTo);
        return commandLine;
    }

    private static Object newCommand(ContextFactory factory, Class<?> type) {
        try {
            return factory.create(type);
        } catch (Exception e) {
            throw new IllegalStateException("cannot make the " + type.getSimpleName() + " command", e);
        }
    }

    /** Gives each command the context; picocli's own classes are made as usual. */
    private record ContextFactory(CliContext context) implements IFactory {
        @Override
        public <K> K create(Class<K> type) throws Exception {
            try {
                return type.getDeclaredConstructor(CliContext.class).newInstance(context);
            } catch (NoSuchMethodException e) {
                return CommandLine.defaultFactory().create(type);
            }
        }
    }

    /** Every failure becomes one line on stderr (and with -o json a JSON error line) and an exit code. */
    private record Failures(PrintWriter err) implements IExecutionExceptionHandler, IParameterExceptionHandler {

        @Override
        public int handleParseException(ParameterException e, String[] args) {
            CommandLine command = e.getCommandLine();
            // picocli's own messages start with "Error: ", which the "chat: " prefix already says
            StringBuilder line = new StringBuilder(e.getMessage().replaceFirst("^Error: ", ""));
            if (e instanceof UnmatchedArgumentException unmatched) {
                List<String> suggestions = unmatched.getSuggestions();
                if (!suggestions.isEmpty()) {
                    line.append("; did you mean ").append(String.join(" or ", suggestions)).append('?');
                }
            }
            line.append(" (see '").append(command.getCommandSpec().qualifiedName()).append(" --help')");
            report(command, ErrorReport.of(ExitCodes.USAGE, line.toString()), null);
            return ExitCodes.USAGE;
        }

        @Override
        public int handleExecutionException(Exception e, CommandLine command, ParseResult parseResult) {
            ErrorReport report = describe(e);
            report(command, report, report.exitCode() == ExitCodes.INTERNAL ? e : null);
            return report.exitCode();
        }

        private static ErrorReport describe(Exception e) {
            return e instanceof UsageException ? ErrorReport.of(ExitCodes.USAGE, e.getMessage()) : Failure.describe(e);
        }

        private void report(CommandLine command, ErrorReport report, Exception unexpected) {
            Object user = command.getCommand();
            ReportsErrors options = user instanceof ReportsErrors reports ? reports : null;
            boolean verbose = options != null && options.diagnostics() != null && options.diagnostics().verbose();
            if (unexpected != null && verbose) {
                unexpected.printStackTrace(err);
            }
            String hint = unexpected != null && !verbose ? " (run again with --verbose for details)" : "";
            err.println("chat: " + OneLine.of(report.message()) + hint);
            if (options != null && options.output() != null && options.output().format() == OutputFormat.JSON) {
                err.println(report.toJson(Json.mapper()));
            }
            err.flush();
        }
    }
}
