package chat.cli;

import chat.cli.docs.Completions;
import chat.cli.docs.ManPages;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Writes the documents made from the command model, at build time:
 * {@code java -cp chat.jar chat.cli.Docs man DIRECTORY} (the man pages) or
 * {@code java -cp chat.jar chat.cli.Docs completions DIRECTORY} (the shells' completion scripts).
 */
public final class Docs {
    private Docs() {
    }

    public static void main(String[] args) throws IOException {
        switch (args.length == 2 ? args[0] : "") {
            case "man" -> ManPages.write(ChatCli.commandModel(), Version.number(), Path.of(args[1]));
            case "completions" -> Completions.write(ChatCli.commandModel(), Path.of(args[1]));
            default -> throw new IllegalArgumentException("usage: Docs man|completions DIRECTORY");
        }
    }
}
