package chat.cli.docs;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgGroupSpec;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/** The parts of the picocli model the generators read, in the order help shows them. */
final class CommandModel {
    private CommandModel() {
    }

    /** The subcommands worth documenting: all but `help`, which says nothing of its own. */
    static List<CommandLine> subcommands(CommandLine root) {
        return root.getSubcommands().entrySet().stream().filter(entry -> !entry.getKey().equals("help"))
                .map(entry -> entry.getValue()).distinct().toList();
    }

    static List<OptionSpec> options(CommandLine command) {
        return command.getCommandSpec().options().stream().filter(option -> !option.hidden())
                .sorted(Comparator.comparingInt(OptionSpec::order)).toList();
    }

    static List<PositionalParamSpec> positionals(CommandLine command) {
        return command.getCommandSpec().positionalParameters().stream().filter(positional -> !positional.hidden())
                .toList();
    }

    static String summary(CommandLine command) {
        return summary(command.getCommandSpec().usageMessage().description());
    }

    /** The first sentence of an option's or command's description, for a completion menu. */
    static String summary(String[] description) {
        String text = description.length == 0 ? "" : description[0];
        int stop = text.indexOf(". ");
        return (stop > 0 ? text.substring(0, stop + 1) : text).strip();
    }

    /** The names that may not follow this option: its own, then those of the rest of its exclusive group. */
    static List<String> excludedBy(OptionSpec option) {
        ArgGroupSpec group = option.group();
        Stream<OptionSpec> others = group == null || !group.exclusive() ? Stream.empty()
                : group.options().stream().filter(other -> other != option);
        return Stream.concat(Stream.of(option), others).flatMap(excluded -> Stream.of(excluded.names())).toList();
    }

    static List<String> candidates(ArgSpec arg) {
        List<String> values = new ArrayList<>();
        if (arg.completionCandidates() != null) {
            arg.completionCandidates().forEach(values::add);
        }
        return values;
    }

    /** A file name: typed as one, or labelled FILE where "-" (stdin) keeps it a string. */
    static boolean takesFile(ArgSpec arg) {
        return arg.type() == java.nio.file.Path.class || arg.type() == java.io.File.class
                || arg.paramLabel().equals("FILE");
    }

    static boolean takesValue(ArgSpec arg) {
        return arg.arity().max() > 0;
    }
}
