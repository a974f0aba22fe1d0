package chat.cli.docs;

import java.util.ArrayList;
import java.util.List;
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
        List<CommandLine> commands = new ArrayList<>();
        root.getSubcommands().forEach((name, sub) -> {
            if (!name.equals("help") && !commands.contains(sub)) {
                commands.add(sub);
            }
        });
        return commands;
    }

    static List<OptionSpec> options(CommandLine command) {
        List<OptionSpec> options = new ArrayList<>(command.getCommandSpec().options());
        options.removeIf(OptionSpec::hidden);
        options.sort((a, b) -> Integer.compare(a.order(), b.order()));
        return options;
    }

    static List<PositionalParamSpec> positionals(CommandLine command) {
        List<PositionalParamSpec> positionals = new ArrayList<>(command.getCommandSpec().positionalParameters());
        positionals.removeIf(PositionalParamSpec::hidden);
        return positionals;
    }

    /** The first sentence of an option's or command's description, for a completion menu. */
    static String summary(String[] description) {
        String text = description.length == 0 ? "" : description[0];
        int stop = text.indexOf(". ");
        return (stop > 0 ? text.substring(0, stop + 1) : text).strip();
    }

    /** The options that may not be given with this one: the rest of its exclusive group. */
    static List<String> excludedBy(OptionSpec option) {
        List<String> names = new ArrayList<>();
        ArgGroupSpec group = option.group();
        if (group != null && group.exclusive()) {
            for (OptionSpec other : group.options()) {
                if (other != option) {
                    names.addAll(List.of(other.names()));
                }
            }
        }
        return names;
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
