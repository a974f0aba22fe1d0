package chat.cli.docs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Shell completion scripts, generated from the command model: bash by picocli's AutoComplete, zsh
 * and fish written natively. The checked-in copies in completions/ are kept equal to these by a test.
 */
public final class Completions {
    public enum Shell {
        BASH, ZSH, FISH;

        public String fileName() {
            return switch (this) {
                case BASH -> "chat.bash";
                case ZSH -> "_chat";
                case FISH -> "chat.fish";
            };
        }

        public static Shell parse(String name) {
            return valueOf(name.toUpperCase(Locale.ROOT));
        }
    }

    private Completions() {
    }

    /** Writes every shell's script into {@code directory}. */
    public static void write(CommandLine root, Path directory) throws IOException {
        Files.createDirectories(directory);
        for (Shell shell : Shell.values()) {
            Files.writeString(directory.resolve(shell.fileName()), script(root, shell), StandardCharsets.UTF_8);
        }
    }

    public static String script(CommandLine root, Shell shell) {
        return switch (shell) {
            case BASH -> AutoComplete.bash(root.getCommandName(), root);
            case ZSH -> zsh(root);
            case FISH -> fish(root);
        };
    }

    private static String zsh(CommandLine root) {
        StringBuilder commands = new StringBuilder();
        StringBuilder cases = new StringBuilder();
        for (CommandLine sub : CommandModel.subcommands(root)) {
            String name = sub.getCommandName();
            commands.append("    '").append(name).append(':').append(zshQuote(CommandModel.summary(sub))).append("'\n");
            cases.append("    (").append(name).append(")\n      _arguments -s -S");
            CommandModel.options(sub).forEach(option -> cases.append(" \\\n        ").append(zshSpec(option)));
            CommandModel.positionals(sub).forEach(positional -> cases.append(" \\\n        ")
                    .append(zshPositional(positional)));
            cases.append("\n      ;;\n");
        }
        StringBuilder topics = new StringBuilder();
        HelpText.TOPICS.forEach((topic, summary) -> topics.append("        '").append(topic).append(':')
                .append(zshQuote(summary)).append("'\n"));
        return """
                #compdef %s
                # zsh completion for chat, generated from its command model: do not edit.

                _chat() {
                  local -a commands
                  commands=(
                %s  )
                  if (( CURRENT == 2 )); then
                    _describe -t commands 'chat command' commands
                    return
                  fi
                  local command=$words[2]
                  shift words
                  (( CURRENT-- ))
                  case $command in
                %s    (help)
                      local -a topics
                      topics=(
                %s      )
                      _describe -t commands 'chat command' commands
                      _describe -t topics 'help topic' topics
                      ;;
                  esac
                }

                _chat "$@"
                """.formatted(root.getCommandName(), commands, cases, topics);
    }

    private static String zshSpec(OptionSpec option) {
        String description = "[" + zshQuote(CommandModel.summary(option.description()))
                .replace("[", "\\[").replace("]", "\\]") + "]";
        String value = "";
        if (CommandModel.takesValue(option)) {
            value = ":" + option.paramLabel().replace(":", "\\:") + ":" + zshAction(option);
        }
        // a repeatable option may come again; any other excludes itself and the rest of its exclusive group
        String prefix = option.isMultiValue() ? "*" : "(" + String.join(" ", CommandModel.excludedBy(option)) + ")";
        String[] names = option.names();
        return names.length == 1 ? "'" + prefix + names[0] + description + value + "'"
                : "'" + prefix + "'{" + String.join(",", names) + "}'" + description + value + "'";
    }

    /** {@code 'N:LABEL:action'}, or {@code 'N::LABEL:action'} when it may be left out. */
    private static String zshPositional(PositionalParamSpec positional) {
        return "'" + (positional.index().min() + 1) + (positional.arity().min() == 0 ? "::" : ":")
                + positional.paramLabel().replace(":", "\\:") + ":" + zshAction(positional) + "'";
    }

    private static String zshAction(ArgSpec arg) {
        List<String> candidates = CommandModel.candidates(arg);
        return !candidates.isEmpty() ? "(" + String.join(" ", candidates) + ")"
                : CommandModel.takesFile(arg) ? "_files" : " ";
    }

    private static String zshQuote(String text) {
        return text.replace("'", "'\\''");
    }

    private static String fish(CommandLine root) {
        String complete = "complete -c " + root.getCommandName() + " -n ";
        String noCommandYet = complete + "__fish_use_subcommand";
        String afterHelp = complete + "'__fish_seen_subcommand_from help' -a ";
        StringBuilder script = new StringBuilder("# fish completion for chat, generated from its command model: do not "
                + "edit.\n\ncomplete -c " + root.getCommandName() + " -f\n");
        List<CommandLine> subcommands = CommandModel.subcommands(root);
        List<CommandLine> offered = new ArrayList<>(subcommands);
        offered.add(root.getSubcommands().get("help"));
        for (CommandLine sub : offered) {
            script.append(noCommandYet).append(" -a ").append(sub.getCommandName()).append(" -d ")
                    .append(fishQuote(CommandModel.summary(sub))).append('\n');
        }
        script.append(afterHelp).append(fishQuote(subcommands.stream().map(CommandLine::getCommandName)
                .collect(Collectors.joining(" ")))).append('\n');
        HelpText.TOPICS.forEach((topic, summary) -> script.append(afterHelp).append(topic).append(" -d ")
                .append(fishQuote(summary)).append('\n'));
        CommandModel.options(root).forEach(option -> script.append(fishLine(noCommandYet, option)));
        for (CommandLine sub : subcommands) {
            script.append('\n');
            String condition = complete + "'__fish_seen_subcommand_from " + sub.getCommandName() + "'";
            CommandModel.options(sub).forEach(option -> script.append(fishLine(condition, option)));
            CommandModel.positionals(sub).forEach(positional -> script.append(fishLine(condition, positional)));
        }
        return script.toString();
    }

    /** An option's or a positional's line: the option's names, what its value may be, and what it is. */
    private static String fishLine(String condition, ArgSpec arg) {
        StringBuilder line = new StringBuilder(condition);
        if (arg instanceof OptionSpec option) {
            for (String name : option.names()) {
                line.append(name.startsWith("--") ? " -l " + name.substring(2) : " -s " + name.substring(1));
            }
        }
        if (CommandModel.takesValue(arg)) {
            line.append(fishValues(arg));
        }
        return line.append(" -d ").append(fishQuote(CommandModel.summary(arg.description()))).append('\n').toString();
    }

    /** What a value may be: one of the candidates, a file, or anything (no files offered). */
    private static String fishValues(ArgSpec arg) {
        List<String> candidates = CommandModel.candidates(arg);
        if (!candidates.isEmpty()) {
            return " -x -a " + fishQuote(String.join(" ", candidates));
        }
        return CommandModel.takesFile(arg) ? " -r -F" : " -x";
    }

    private static String fishQuote(String text) {
        return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
