package chat.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * A client secret, from a variable or read from a file when needed. It prints as its source only,
 * so no log line, error or stack trace can show it.
 *
 * @param source where it comes from: "AZURE_CLIENT_SECRET" or "--client-secret-file /run/secrets/chat"
 */
public record Secret(String source, Supplier<String> value) {

    static Secret fromVariable(String name, String value) {
        return new Secret(name, value::strip);
    }

    static Secret fromFile(Path file) {
        return new Secret("--client-secret-file " + file, () -> readFile(file, "client secret", ""));
    }

    public String reveal() {
        return value.get();
    }

    /**
     * A file's text, stripped, for a secret kept in one (a client secret, a federated token): a file
     * missing, unreadable or empty is refused, naming it "the {@code what} file".
     *
     * @param whenMissing said after "does not exist"
     */
    public static String readFile(Path file, String what, String whenMissing) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (text.isEmpty()) {
                throw new AuthenticationException("the " + what + " file " + file + " is empty");
            }
            return text;
        } catch (NoSuchFileException e) {
            throw new AuthenticationException("the " + what + " file " + file + " does not exist" + whenMissing);
        } catch (IOException e) {
            throw new AuthenticationException("cannot read the " + what + " file " + file + ": " + e.getMessage());
        }
    }

    @Override
    public String toString() {
        return "Secret[" + source + "]";
    }
}
