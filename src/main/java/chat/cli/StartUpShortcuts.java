package chat.cli;

import chat.cli.docs.HelpText;
import java.util.Arrays;
import java.util.List;

/**
 * What a run will need, guessed from the words typed before they are parsed, so that a short run does
 * only what it needs: whether to start setting up TLS at once, and which commands' models to build.
 * A wrong guess costs time, never a wrong answer.
 */
final class StartUpShortcuts {
    /** How much of the command model a run builds. */
    enum Models {
        /** --version: no subcommand at all. */
        NONE,
        /** The overview (--help, a typo, nothing): each subcommand's name and summary. */
        SUMMARIES,
        /** A run that names its subcommand: that one alone. */
        NAMED,
        /** `chat help COMMAND`, or a subcommand after root options: all of them. */
        ALL
    }

    private StartUpShortcuts() {
    }

    /** Whether the run will send: a create, status or login that is not a dry run or a request for help. */
    static boolean willSend(String... args) {
        if (args.length == 0 || !List.of("create", "status", "login").contains(args[0])) {
            return false;
        }
        return Arrays.stream(args).noneMatch(arg -> arg.equals("--dry-run") || arg.equals("-h") || arg.equals("--help"));
    }

    /** Building a command's model is most of a short run's work: only what the run shows or runs. */
    static Models models(String... args) {
        Class<?> named = named(args);
        if (named == HelpCommand.class) {
            // `chat help environment` shows no command; `chat help create` may show any
            return args.length > 1 && HelpText.TOPICS.containsKey(args[1]) ? Models.NAMED : Models.ALL;
        }
        if (named != null) {
            return Models.NAMED;
        }
        if (Arrays.stream(args).anyMatch(RootCommand.SUBCOMMANDS::containsKey)) {
            return Models.ALL;
        }
        // `chat --version` (or -V) and nothing else: no subcommand is needed to answer it
        boolean versionOnly = args.length > 0 && Arrays.stream(args).allMatch(arg -> arg.equals("--version")
                || arg.equals("-V"));
        return versionOnly ? Models.NONE : Models.SUMMARIES;
    }

    /** The subcommand the first word names, or null. */
    static Class<?> named(String... args) {
        return args.length > 0 ? RootCommand.SUBCOMMANDS.get(args[0]) : null;
    }
}
