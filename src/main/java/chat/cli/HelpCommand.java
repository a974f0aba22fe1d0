package chat.cli;

import chat.cli.docs.HelpText;
import chat.errors.ExitCodes;
import chat.errors.UsageException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help;
import picocli.CommandLine.IHelpCommandInitializable2;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/** `chat help [COMMAND | TOPIC]`: a command's help, or a topic written once for them all, as gh has. */
@Command(name = "help", helpCommand = true, description = "Show a command's help, or a topic: environment, exit-codes.")
public final class HelpCommand implements IHelpCommandInitializable2, Callable<Integer> {

    @Parameters(arity = "0..1", paramLabel = "COMMAND|TOPIC", completionCandidates = Topics.class,
            description = "A command, or a topic: environment, exit-codes.")
    String topic;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    private CommandLine self;
    private Help.ColorScheme colors;
    private PrintWriter out;

    /** What may follow `chat help`, for completion: the other commands, then the topics. */
    static final class Topics implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Stream.concat(RootCommand.SUBCOMMANDS.keySet().stream().filter(name -> !name.equals("help")),
                    HelpText.TOPICS.keySet().stream()).iterator();
        }
    }

    @Override
    public void init(CommandLine helpCommandLine, Help.ColorScheme colorScheme, PrintWriter out, PrintWriter err) {
        this.self = helpCommandLine;
        this.colors = colorScheme;
        this.out = out;
    }

    @Override
    public Integer call() {
        CommandLine root = self.getParent();
        CommandLine command = topic == null ? root : root.getSubcommands().get(topic);
        if (command != null) {
            command.usage(out, colors);
        } else if (topic.equals("environment")) {
            out.print(HelpText.environment());
        } else if (topic.equals("exit-codes")) {
            out.print(HelpText.exitCodes());
        } else {
            List<String> known = new ArrayList<>(root.getSubcommands().keySet());
            known.addAll(HelpText.TOPICS.keySet());
            throw new UsageException("'" + topic + "' is neither a command nor a help topic" + UsageErrors.suggestion(
                    UsageErrors.close(topic, known), "give one of " + String.join(", ", known)));
        }
        out.flush();
        return ExitCodes.OK;
    }
}
