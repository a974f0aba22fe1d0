package chat.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * A client secret, from a variable or read from a file when needed. It prints as its source only,
 * so no log line, error or stack trace can show it.
 */
public final class Secret {
    private final String value;
    private final Path file;
    private final String source;

    private Secret(String value, Path file, String source) {
        this.value = value;
        this.file = file;
        this.source = source;
    }

    static Secret fromVariable(String name, String value) {
        return new Secret(value, null, name);
    }

    static Secret fromFile(Path file) {
        return new Secret(null, file, "--client-secret-file " + file);
    }

    /** Where it comes from: "AZURE_CLIENT_SECRET" or "--client-secret-file /run/secrets/chat". */
    public String source() {
        return source;
    }

    public String reveal() {
        if (file == null) {
            return value.strip();
        }
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (text.isEmpty()) {
                throw new AuthenticationException("the client secret file " + file + " is empty");
            }
            return text;
        } catch (NoSuchFileException e) {
            throw new AuthenticationException("the client secret file " + file + " does not exist");
        } catch (IOException e) {
            throw new AuthenticationException("cannot read the client secret file " + file + ": " + e.getMessage());
        }
    }

    @Override
    public String toString() {
        return "Secret[" + source + "]";
    }
}
