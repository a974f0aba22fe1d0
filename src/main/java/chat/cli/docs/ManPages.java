package chat.cli.docs;

import chat.errors.ExitCodes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine;

/**
 * man(7) pages written from the command model: chat(1), and chat-create(1) and the rest for the
 * subcommands.
 */
public final class ManPages {
    private ManPages() {
    }

    /** Writes chat.1 and a page for each subcommand into {@code directory}. */
    public static void write(CommandLine root, String version, Path directory) throws IOException {
        Files.createDirectories(directory);
        Files.writeString(directory.resolve("chat.1"), page(root, root, version), StandardCharsets.UTF_8);
        for (CommandLine sub : CommandModel.subcommands(root)) {
            Files.writeString(directory.resolve("chat-" + sub.getCommandName() + ".1"), page(root, sub, version),
                    StandardCharsets.UTF_8);
        }
    }

    static String page(CommandLine root, CommandLine command, String version) {
        CommandSpec spec = command.getCommandSpec();
        boolean isRoot = command == root;
        String title = isRoot ? "chat" : "chat-" + command.getCommandName();
        StringBuilder page = new StringBuilder();
        page.append(".TH ").append(title.toUpperCase(java.util.Locale.ROOT)).append(" 1 \"\" \"chat ")
                .append(version).append("\" \"User Commands\"\n");

        page.append(".SH NAME\n").append(roff(title)).append(" \\- ")
                .append(roff(CommandModel.summary(spec.usageMessage().description()))).append('\n');

        page.append(".SH SYNOPSIS\n.nf\n");
        String synopsis = new Help(spec, Help.defaultColorScheme(Help.Ansi.OFF)).synopsis(0).stripTrailing();
        for (String line : synopsis.split("\n")) {
            // help aligns the lines under "Usage: ", which the man page has not
            page.append(roff(line.startsWith("Usage: ") ? line.substring(7) : line.replaceFirst("^ {7}", "")))
                    .append('\n');
        }
        page.append(".fi\n");

        page.append(".SH DESCRIPTION\n");
        for (String paragraph : spec.usageMessage().description()) {
            // an indented line is a command to type: kept as it is, not filled
            page.append(paragraph.startsWith("  ") ? ".nf\n" + roff(paragraph) + "\n.fi\n" : roff(paragraph) + "\n.PP\n");
        }

        if (isRoot) {
            page.append(".SH COMMANDS\n");
            for (CommandLine sub : CommandModel.subcommands(root)) {
                page.append(".TP\n\\fBchat ").append(roff(sub.getCommandName())).append("\\fR\n")
                        .append(roff(CommandModel.summary(sub.getCommandSpec().usageMessage().description())))
                        .append(" See \\fBchat\\-").append(roff(sub.getCommandName())).append("\\fR(1).\n");
            }
        }

        page.append(".SH OPTIONS\n");
        for (OptionSpec option : CommandModel.options(command)) {
            page.append(".TP\n").append(List.of(option.names()).stream()
                    .map(name -> "\\fB" + roff(name) + "\\fR").collect(Collectors.joining(", ")));
            if (CommandModel.takesValue(option)) {
                page.append(" \\fI").append(roff(option.paramLabel())).append("\\fR");
            }
            page.append('\n').append(roff(String.join(" ", option.description()))).append('\n');
        }
        for (PositionalParamSpec positional : CommandModel.positionals(command)) {
            page.append(".TP\n\\fI").append(roff(positional.paramLabel())).append("\\fR\n")
                    .append(roff(String.join(" ", positional.description()))).append('\n');
        }

        page.append(".SH EXIT STATUS\n");
        for (Map.Entry<String, String> code : ExitCodes.descriptions().entrySet()) {
            page.append(".TP\n.B ").append(code.getKey().strip()).append('\n').append(roff(code.getValue())).append('\n');
        }

        page.append(".SH ENVIRONMENT\n");
        for (HelpText.Entry variable : HelpText.ENVIRONMENT) {
            page.append(".TP\n.B ").append(roff(variable.name())).append('\n').append(roff(variable.description()))
                    .append('\n');
        }

        if (command.getCommandName().equals("create")) {
            page.append(".SH EXAMPLES\n");
            for (HelpText.Entry example : HelpText.CREATE_EXAMPLES) {
                page.append(".PP\n").append(roff(example.description())).append("\n.PP\n.RS\n.nf\n")
                        .append(roff(example.name())).append("\n.fi\n.RE\n");
            }
        }

        page.append(".SH SEE ALSO\n");
        List<String> others = new java.util.ArrayList<>();
        if (!isRoot) {
            others.add("\\fBchat\\fR(1)");
        }
        for (CommandLine sub : CommandModel.subcommands(root)) {
            if (sub != command) {
                others.add("\\fBchat\\-" + roff(sub.getCommandName()) + "\\fR(1)");
            }
        }
        page.append(String.join(", ", others)).append('\n');
        return page.toString();
    }

    /** Text as roff reads it literally: backslashes and hyphens escaped, no line read as a request. */
    static String roff(String text) {
        String escaped = text.replace("\\", "\\e").replace("-", "\\-");
        return escaped.startsWith(".") || escaped.startsWith("'") ? "\\&" + escaped : escaped;
    }
}
