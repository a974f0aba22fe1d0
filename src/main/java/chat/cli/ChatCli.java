package chat.cli;

import chat.cli.docs.HelpText;
import chat.errors.ErrorReport;
import chat.errors.ExitCodes;
import chat.errors.Failure;
import chat.errors.UsageException;
import chat.json.Json;
import chat.output.OneLine;
import chat.output.OutputFormat;
import chat.output.ResultNotWrittenException;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IFactory;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;
import picocli.CommandLine;

/**
 * The one place that builds the command line: the commands with their context, the help sections,
 * and the mapping of every failure to one line on stderr and an exit code.
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
        if (argumentProblem == null && willSend(args)) {
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
                new chat.http.JdkHttpStack(java.util.Map.of(), () -> null), Terminal.none(), Signals.none()), "help");
    }

    static CommandLine commandLine(CliContext context, String... args) {
        ContextFactory factory = new ContextFactory(new Wiring(context, ChatCli::commandModel));
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

    /** Gives each command the run's wiring; picocli's own classes are made as usual. */
    private record ContextFactory(Wiring wiring) implements IFactory {
        @Override
        public <K> K create(Class<K> type) throws Exception {
            try {
                return type.getDeclaredConstructor(Wiring.class).newInstance(wiring);
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
            String said = e instanceof MissingParameterException missing ? goesWith(missing, args) : null;
            StringBuilder line = new StringBuilder(said != null ? said
                    : groupRepeated(e.getMessage().replaceFirst("^Error: ", "")));
            if (e instanceof UnmatchedArgumentException unmatched) {
                List<String> suggestions = unmatched.getSuggestions();
                if (!suggestions.isEmpty()) {
                    line.append("; did you mean ").append(String.join(" or ", suggestions)).append('?');
                }
            }
            line.append(" (see '").append(command.getCommandSpec().qualifiedName()).append(" --help')");
            ErrorReport report = Failure.describe(new UsageException(line.toString()));
            report(command, report, null);
            return report.exitCode();
        }

        /** A flag given without the one it belongs with (--journal without --from): said so. */
        static String goesWith(MissingParameterException missing, String[] args) {
            for (ArgSpec needed : missing.getMissing()) {
                if (!(needed instanceof OptionSpec option) || needed.group() == null) {
                    continue;
                }
                List<String> given = new java.util.ArrayList<>();
                for (OptionSpec member : needed.group().options()) {
                    if (member != option && java.util.Arrays.stream(args).anyMatch(arg -> java.util.Arrays
                            .stream(member.names()).anyMatch(name -> arg.equals(name) || arg.startsWith(name + "=")))) {
                        given.add(member.longestName());
                    }
                }
                if (!given.isEmpty()) {
                    return String.join(" and ", given) + " goes with " + option.longestName() + " " + option.paramLabel()
                            + ": give both, or neither";
                }
            }
            return null;
        }

        /**
         * picocli says a group given twice (a flag repeated, or two of one choice) by listing every group
         * it matched: "expected only one match but got [A | B]={A} [C | D]={C} and [A | B]={A}". Said
         * as the choice to make instead.
         */
        static String groupRepeated(String message) {
            Matcher repeated = GROUP_REPEATED.matcher(message);
            if (!repeated.matches()) {
                return message;
            }
            Matcher second = GROUP_MATCH.matcher(repeated.group(2));
            if (!second.find()) {
                return message;
            }
            String group = second.group(1);
            Matcher first = GROUP_MATCH.matcher(repeated.group(1));
            String earlier = null;
            while (first.find()) {
                if (first.group(1).equals(group)) {
                    earlier = first.group(2);
                }
            }
            return (group.contains(" | ") ? "give one of " + group + ", once" : "give " + group + " once") + (earlier == null ? "" : " (not " + earlier + " and then "
                    + second.group(2) + ")");
        }

        private static final Pattern GROUP_REPEATED = Pattern.compile("expected only one match but got (.*) and (.*)");
        private static final Pattern GROUP_MATCH = Pattern.compile("\\[(.*?)\\]=\\{([^}]*)\\}");

        @Override
        public int handleExecutionException(Exception e, CommandLine command, ParseResult parseResult) {
            ErrorReport report = Failure.describe(e);
            report(command, report, report.exitCode() == ExitCodes.INTERNAL ? e : null);
            return report.exitCode();
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
