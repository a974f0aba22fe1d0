package chat.cli;

import chat.request.Guid;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgGroupSpec;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.OverwrittenOptionException;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * A command line picocli could not parse, said in chat's own voice: one line, naming the fix. Made
 * from what the exception holds (its kind, the option, the value, the words left over), the command's
 * model and the words typed; picocli's own sentences are used only for what none of these covers.
 */
final class UsageErrors {
    private UsageErrors() {
    }

    static String describe(ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        if (e instanceof UnmatchedArgumentException unmatched && !unmatched.getUnmatched().isEmpty()) {
            String word = unmatched.getUnmatched().get(0);
            return command.getParent() == null ? atRoot(command, word, args) : unexpected(command, unmatched, word);
        }
        if (e instanceof MissingParameterException missing) {
            String said = goesWith(missing, args);
            return said != null ? said : needsValue(missing, args);
        }
        String repeated = givenTwice(command, args);
        if (repeated != null) {
            return repeated;
        }
        if (e instanceof OverwrittenOptionException overwritten && overwritten.getOverwritten() instanceof OptionSpec option) {
            return option.longestName() + " is given twice: give it once";
        }
        if (e.getArgSpec() instanceof OptionSpec option && e.getValue() != null) {
            return badValue(option, e.getValue(), e.getCause());
        }
        return e.getMessage() + " (see " + help(command) + ")";
    }

    /** A word before the command, or instead of one: an option of the command that follows, or a typo. */
    private static String atRoot(CommandLine root, String word, String[] args) {
        List<String> rootOptions = names(root);
        if (word.startsWith("-")) {
            String name = optionName(word);
            for (String arg : args) {
                CommandLine sub = root.getSubcommands().get(arg);
                if (sub != null && sub.getCommandSpec().findOption(name) != null) {
                    return name + " is an option of " + arg + ": put it after `" + arg + "`";
                }
            }
            return "chat has no option " + name + suggestion(close(name, rootOptions), "see chat --help");
        }
        List<String> commands = new ArrayList<>(root.getSubcommands().keySet());
        List<String> options = close(word, rootOptions);
        if (!options.isEmpty()) {
            return "'" + word + "' is not a command: did you mean chat " + options.get(0) + "?";
        }
        return "'" + word + "' is not a command" + suggestion(close(word, commands), "give one of "
                + String.join(", ", commands));
    }

    /** An option the command does not have, or words it takes none of. */
    private static String unexpected(CommandLine command, UnmatchedArgumentException e, String word) {
        String name = command.getCommandName();
        if (word.startsWith("-") && word.length() > 1) {
            String option = optionName(word);
            return name + " has no option " + option + suggestion(close(option, names(command)), "see " + help(command));
        }
        List<String> people = e.getUnmatched().stream().map(UsageErrors::asPerson).toList();
        if (name.equals("create") && !people.contains(null)) {
            return "people are given with an option: did you mean " + String.join(" ", people) + "?";
        }
        if (!command.getCommandSpec().positionalParameters().isEmpty()) {
            String label = command.getCommandSpec().positionalParameters().get(0).paramLabel();
            return "unexpected '" + word + "': " + name + " takes one " + label;
        }
        return "unexpected '" + word + "': " + name + " takes options only (see " + help(command) + ")";
    }

    /** A bare word that is plainly a person: the option it was meant to follow, with it; else null. */
    private static String asPerson(String word) {
        int equals = word.indexOf('=');
        if (equals > 0 && Guid.isGuid(word.substring(0, equals)) && Guid.isGuid(word.substring(equals + 1))) {
            return "--federated " + word;
        }
        return word.indexOf('@') > 0 || Guid.isGuid(word) ? "-m " + word : null;
    }

    /** An option given last, or followed by another option, where its value should be. */
    private static String needsValue(MissingParameterException missing, String[] args) {
        ArgSpec needed = missing.getMissing().isEmpty() ? null : missing.getMissing().get(0);
        if (!(needed instanceof OptionSpec option)) {
            return missing.getMessage() + " (see " + help(missing.getCommandLine()) + ")";
        }
        String typed = Arrays.stream(args).filter(List.of(option.names())::contains).reduce((first, last) -> last)
                .orElse(option.longestName());
        return typed + " needs a value: give " + typed + " " + option.paramLabel();
    }

    /** A flag given without the one it belongs with (--journal without --from): said so. */
    private static String goesWith(MissingParameterException missing, String[] args) {
        for (ArgSpec needed : missing.getMissing()) {
            if (!(needed instanceof OptionSpec option) || needed.group() == null) {
                continue;
            }
            List<String> given = needed.group().options().stream().filter(member -> member != option
                    && typed(member, args) > 0).map(OptionSpec::longestName).toList();
            if (!given.isEmpty()) {
                return String.join(" and ", given) + " goes with " + option.longestName() + " " + option.paramLabel()
                        + ": give both, or neither";
            }
        }
        return null;
    }

    /** Two options of which one may be given, or one that may be given once, given twice. */
    private static String givenTwice(CommandLine command, String[] args) {
        for (ArgGroupSpec group : exclusiveGroups(command.getCommandSpec().argGroups())) {
            List<String> given = group.options().stream().filter(option -> typed(option, args) > 0)
                    .map(OptionSpec::longestName).toList();
            if (given.size() == 2) {
                return "give " + given.get(0) + " or " + given.get(1) + ", not both";
            }
            if (given.size() > 2) {
                return "give only one of " + String.join(", ", given.subList(0, given.size() - 1)) + " and "
                        + given.get(given.size() - 1);
            }
        }
        for (OptionSpec option : command.getCommandSpec().options()) {
            if (!option.isMultiValue() && typed(option, args) > 1) {
                return option.longestName() + " is given twice: give it once";
            }
        }
        return null;
    }

    private static List<ArgGroupSpec> exclusiveGroups(List<ArgGroupSpec> groups) {
        List<ArgGroupSpec> exclusive = new ArrayList<>();
        for (ArgGroupSpec group : groups) {
            if (group.exclusive()) {
                exclusive.add(group);
            }
            exclusive.addAll(exclusiveGroups(group.subgroups()));
        }
        return exclusive;
    }

    /** How many times the option was typed, as {@code --name}, {@code --name=value} or {@code -xVALUE}. */
    private static int typed(OptionSpec option, String[] args) {
        int count = 0;
        for (String arg : args) {
            if (arg.equals("--")) {
                break;
            }
            for (String name : option.names()) {
                boolean shortWithValue = !name.startsWith("--") && option.arity().max() > 0 && arg.startsWith(name)
                        && arg.length() > name.length();
                if (arg.equals(name) || arg.startsWith(name + "=") || shortWithValue) {
                    count++;
                }
            }
        }
        return count;
    }

    private static String badValue(OptionSpec option, String value, Throwable cause) {
        String name = option.longestName();
        if (option.arity().max() == 0) {
            return name + " takes no value: give " + name + " alone, not " + name + "=" + value;
        }
        Class<?> type = option.auxiliaryTypes()[0];
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return name + " takes a whole number, not '" + value + "'";
        }
        // chat's own converters say what is wrong in words of their own
        return cause instanceof CommandLine.TypeConversionException && cause.getMessage() != null
                ? name + " " + cause.getMessage() : name + " cannot take '" + value + "' (see " + name + " in --help)";
    }

    /** ": did you mean …?" with what is near, else ": " and what to do otherwise. */
    static String suggestion(List<String> near, String otherwise) {
        return near.isEmpty() ? ": " + otherwise : ": did you mean " + String.join(" or ", near) + "?";
    }

    private static String help(CommandLine command) {
        return command.getCommandSpec().qualifiedName() + " --help";
    }

    /** The option a word names: "--topic" of "--topic=x". */
    private static String optionName(String word) {
        return word.contains("=") ? word.substring(0, word.indexOf('=')) : word;
    }

    /** The names of the command's options that help shows. */
    private static List<String> names(CommandLine command) {
        return command.getCommandSpec().options().stream().filter(option -> !option.hidden()).flatMap(option -> Arrays.stream(option.names()))
                .toList();
    }

    /**
     * The candidates close to what was typed: one edit away (two for long names), or begun by it,
     * leading dashes aside. Far ones are no help, however the two compare otherwise.
     */
    static List<String> close(String typed, Collection<String> candidates) {
        String word = bare(typed);
        List<String> near = new ArrayList<>();
        for (String candidate : candidates) {
            String other = bare(candidate);
            int longer = Math.max(word.length(), other.length());
            int allowed = longer >= 8 ? 2 : longer > 2 ? 1 : 0; // -x is no typo of -h
            boolean begun = word.length() >= 3 && other.startsWith(word);
            if (!other.isEmpty() && (begun || editDistance(word, other) <= allowed) && !near.contains(candidate)) {
                near.add(candidate);
            }
        }
        return near;
    }

    private static String bare(String name) {
        return name.replaceFirst("^-+", "").toLowerCase(Locale.ROOT);
    }

    /** Edits (insert, delete, replace, swap two neighbours) from one word to the other. */
    private static int editDistance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            for (int j = 0; j <= b.length(); j++) {
                if (i == 0 || j == 0) {
                    d[i][j] = i + j;
                    continue;
                }
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
