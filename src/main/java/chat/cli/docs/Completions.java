package chat.cli.docs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
        BASH("chat.bash"), ZSH("_chat"), FISH("chat.fish");

        private final String fileName;

        Shell(String fileName) {
            this.fileName = fileName;
        }

        public String fileName() {
            return fileName;
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
        StringBuilder script = new StringBuilder();
        script.append("#compdef ").append(root.getCommandName()).append('\n')
                .append("# zsh completion for chat, generated from its command model: do not edit.\n\n")
                .append("_chat() {\n")
                .append("  local -a commands\n")
                .append("  commands=(\n");
        for (CommandLine sub : CommandModel.subcommands(root)) {
            script.append("    '").append(sub.getCommandName()).append(':')
                    .append(zshQuote(CommandModel.summary(sub.getCommandSpec().usageMessage().description())))
                    .append("'\n");
        }
        script.append("  )\n")
                .append("  if (( CURRENT == 2 )); then\n")
                .append("    _describe -t commands 'chat command' commands\n")
                .append("    return\n")
                .append("  fi\n")
                .append("  local command=$words[2]\n")
                .append("  shift words\n")
                .append("  (( CURRENT-- ))\n")
                .append("  case $command in\n");
        for (CommandLine sub : CommandModel.subcommands(root)) {
            script.append("    (").append(sub.getCommandName()).append(")\n")
                    .append("      _arguments -s -S");
            for (OptionSpec option : CommandModel.options(sub)) {
                script.append(" \\\n        ").append(zshSpec(option));
            }
            for (PositionalParamSpec positional : CommandModel.positionals(sub)) {
                script.append(" \\\n        ").append(zshPositional(positional));
            }
            script.append("\n      ;;\n");
        }
        script.append("    (help)\n")
                .append("      local -a topics\n")
                .append("      topics=(\n");
        HelpText.TOPICS.forEach((topic, summary) -> script.append("        '").append(topic).append(':')
                .append(zshQuote(summary)).append("'\n"));
        script.append("      )\n")
                .append("      _describe -t commands 'chat command' commands\n")
                .append("      _describe -t topics 'help topic' topics\n")
                .append("      ;;\n")
                .append("  esac\n")
                .append("}\n\n")
                .append("_chat \"$@\"\n");
        return script.toString();
    }

    private static String zshSpec(OptionSpec option) {
        String description = "[" + zshQuote(CommandModel.summary(option.description()))
                .replace("[", "\\[").replace("]", "\\]") + "]";
        String value = "";
        if (CommandModel.takesValue(option)) {
            value = ":" + option.paramLabel().replace(":", "\\:") + ":" + zshAction(option);
        }
        String[] names = option.names();
        if (option.isMultiValue()) {
            return names.length == 1 ? "'*" + names[0] + description + value + "'"
                    : "'*'{" + String.join(",", names) + "}'" + description + value + "'";
        }
        List<String> excluded = new java.util.ArrayList<>(List.of(names));
        excluded.addAll(CommandModel.excludedBy(option));
        String exclusion = "(" + String.join(" ", excluded) + ")";
        return names.length == 1 ? "'" + exclusion + names[0] + description + value + "'"
                : "'" + exclusion + "'{" + String.join(",", names) + "}'" + description + value + "'";
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
        StringBuilder script = new StringBuilder();
        String name = root.getCommandName();
        script.append("# fish completion for chat, generated from its command model: do not edit.\n\n")
                .append("complete -c ").append(name).append(" -f\n");
        List<CommandLine> subcommands = CommandModel.subcommands(root);
        String all = subcommands.stream().map(CommandLine::getCommandName).collect(Collectors.joining(" "));
        for (CommandLine sub : subcommands) {
            script.append("complete -c ").append(name).append(" -n __fish_use_subcommand -a ")
                    .append(sub.getCommandName()).append(" -d ")
                    .append(fishQuote(CommandModel.summary(sub.getCommandSpec().usageMessage().description())))
                    .append('\n');
        }
        CommandLine help = root.getSubcommands().get("help");
        script.append("complete -c ").append(name).append(" -n __fish_use_subcommand -a help -d ")
                .append(fishQuote(CommandModel.summary(help.getCommandSpec().usageMessage().description())))
                .append('\n');
        script.append("complete -c ").append(name).append(" -n '__fish_seen_subcommand_from help' -a ")
                .append(fishQuote(all)).append('\n');
        HelpText.TOPICS.forEach((topic, summary) -> script.append("complete -c ").append(name)
                .append(" -n '__fish_seen_subcommand_from help' -a ").append(topic).append(" -d ")
                .append(fishQuote(summary)).append('\n'));
        for (OptionSpec option : CommandModel.options(root)) {
            script.append(fishOption(name, "__fish_use_subcommand", option));
        }
        for (CommandLine sub : subcommands) {
            script.append('\n');
            String condition = "'__fish_seen_subcommand_from " + sub.getCommandName() + "'";
            for (OptionSpec option : CommandModel.options(sub)) {
                script.append(fishOption(name, condition, option));
            }
            for (PositionalParamSpec positional : CommandModel.positionals(sub)) {
                script.append("complete -c ").append(name).append(" -n ").append(condition)
                        .append(fishValues(positional))
                        .append(" -d ").append(fishQuote(CommandModel.summary(positional.description()))).append('\n');
            }
        }
        return script.toString();
    }

    private static String fishOption(String command, String condition, OptionSpec option) {
        StringBuilder line = new StringBuilder("complete -c " + command + " -n " + condition);
        for (String optionName : option.names()) {
            line.append(optionName.startsWith("--") ? " -l " + optionName.substring(2) : " -s " + optionName.substring(1));
        }
        if (CommandModel.takesValue(option)) {
            line.append(fishValues(option));
        }
        line.append(" -d ").append(fishQuote(CommandModel.summary(option.description())));
        return line.append('\n').toString();
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
