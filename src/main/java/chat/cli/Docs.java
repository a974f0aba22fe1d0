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
        if (args.length != 2 || !(args[0].equals("man") || args[0].equals("completions"))) {
            throw new IllegalArgumentException("usage: Docs man|completions DIRECTORY");
        }
        Path directory = Path.of(args[1]);
        if (args[0].equals("man")) {
            ManPages.write(ChatCli.commandModel(), Version.number(), directory);
        } else {
            Completions.write(ChatCli.commandModel(), directory);
        }
    }
}
