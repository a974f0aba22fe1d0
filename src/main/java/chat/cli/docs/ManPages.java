package chat.cli.docs;

import chat.errors.ExitCodes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
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
        boolean isRoot = command == root;
        String title = isRoot ? "chat" : "chat-" + command.getCommandName();
        StringBuilder page = new StringBuilder();
        page.append(".TH ").append(title.toUpperCase(java.util.Locale.ROOT)).append(" 1 \"\" \"chat ")
                .append(version).append("\" \"User Commands\"\n");
        page.append(".SH NAME\n").append(roff(title)).append(" \\- ")
                .append(roff(CommandModel.summary(command))).append('\n');
        synopsisAndDescription(page, command.getCommandSpec());
        if (isRoot) {
            commands(page, root);
        }
        options(page, command);
        if (isRoot) {
            exitStatusAndEnvironment(page);
        } else {
            // written once, in chat(1) and `chat help`: every command shares them
            page.append(".SH EXIT STATUS\nAs for every command: see \\fBchat\\fR(1), or \\fBchat help exit\\-codes\\fR.\n");
            page.append(".SH ENVIRONMENT\nAs for every command: see \\fBchat\\fR(1), or \\fBchat help environment\\fR.\n");
        }
        examples(page, isRoot ? "chat" : command.getCommandName());
        seeAlso(page, root, command);
        return page.toString();
    }

    private static void synopsisAndDescription(StringBuilder page, CommandSpec spec) {
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
    }

    private static void commands(StringBuilder page, CommandLine root) {
        page.append(".SH COMMANDS\n");
        for (CommandLine sub : CommandModel.subcommands(root)) {
            page.append(".TP\n\\fBchat ").append(roff(sub.getCommandName())).append("\\fR\n")
                    .append(roff(CommandModel.summary(sub)))
                    .append(" See \\fBchat\\-").append(roff(sub.getCommandName())).append("\\fR(1).\n");
        }
        page.append(".TP\n\\fBchat help\\fR [\\fICOMMAND\\fR|\\fITOPIC\\fR]\n")
                .append("A command's help, or a topic: ").append(roff(String.join(", ", HelpText.TOPICS.keySet())))
                .append(".\n");
    }

    private static void options(StringBuilder page, CommandLine command) {
        page.append(".SH OPTIONS\n");
        for (OptionSpec option : CommandModel.options(command)) {
            page.append(".TP\n").append(Stream.of(option.names()).map(name -> "\\fB" + roff(name) + "\\fR")
                    .collect(Collectors.joining(", ")));
            if (CommandModel.takesValue(option)) {
                page.append(" \\fI").append(roff(option.paramLabel())).append("\\fR");
            }
            page.append('\n').append(roff(String.join(" ", option.description()))).append('\n');
        }
        for (PositionalParamSpec positional : CommandModel.positionals(command)) {
            page.append(".TP\n\\fI").append(roff(positional.paramLabel())).append("\\fR\n")
                    .append(roff(String.join(" ", positional.description()))).append('\n');
        }
    }

    private static void exitStatusAndEnvironment(StringBuilder page) {
        page.append(".SH EXIT STATUS\n");
        for (Map.Entry<String, String> code : ExitCodes.descriptions().entrySet()) {
            page.append(".TP\n.B ").append(code.getKey().strip()).append('\n').append(roff(code.getValue())).append('\n');
        }
        page.append(".SH ENVIRONMENT\n");
        for (HelpText.Entry variable : HelpText.ENVIRONMENT) {
            page.append(".TP\n.B ").append(roff(variable.name())).append('\n').append(roff(variable.description()))
                    .append('\n');
        }
    }

    /** The command's examples, as its help shows them; for create, Microsoft's five documented ones too. */
    private static void examples(StringBuilder page, String command) {
        List<HelpText.Example> examples = new ArrayList<>(HelpText.examples(command));
        if (command.equals("create")) {
            examples.addAll(HelpText.DOCUMENTED);
        }
        if (examples.isEmpty()) {
            return;
        }
        page.append(".SH EXAMPLES\n");
        for (HelpText.Example example : examples) {
            page.append(".PP\n").append(roff(example.purpose())).append(".\n.PP\n.RS\n.nf\n");
            example.lines().forEach(line -> page.append(roff(line)).append('\n'));
            page.append(".fi\n.RE\n");
        }
    }

    private static void seeAlso(StringBuilder page, CommandLine root, CommandLine command) {
        Stream<String> chat = command == root ? Stream.empty() : Stream.of("\\fBchat\\fR(1)");
        Stream<String> others = CommandModel.subcommands(root).stream().filter(sub -> sub != command)
                .map(sub -> "\\fBchat\\-" + roff(sub.getCommandName()) + "\\fR(1)");
        page.append(".SH SEE ALSO\n").append(Stream.concat(chat, others).collect(Collectors.joining(", "))).append('\n');
    }

    /** Text as roff reads it literally: backslashes and hyphens escaped, no line read as a request. */
    static String roff(String text) {
        String escaped = text.replace("\\", "\\e").replace("-", "\\-");
        return escaped.startsWith(".") || escaped.startsWith("'") ? "\\&" + escaped : escaped;
    }
}
