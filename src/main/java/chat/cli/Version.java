package chat.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** The version written into the jar at build time. */
public final class Version implements IVersionProvider {

    public static String number() {
        return property("version");
    }

    /** The commit built from, "+dirty" when the tree had changes; "unknown" outside a git checkout. */
    public static String commit() {
        String commit = property("commit");
        return "true".equals(property("dirty")) && !commit.equals("unknown") ? commit + "+dirty" : commit;
    }

    private static String property(String name) {
        Properties properties = new Properties();
        try (InputStream in = Version.class.getResourceAsStream("/chat/version.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String value = properties.getProperty(name, "unknown");
        return value.startsWith("${") ? "unknown" : value; // not filtered: built without git
    }

    /** {@code chat/0.1.0 (Java 17.0.15; Linux amd64)}: names the tool in Graph's logs. */
    public static String userAgent() {
        return "chat/" + number() + " (Java " + System.getProperty("java.version") + "; "
                + System.getProperty("os.name") + " " + System.getProperty("os.arch") + ")";
    }

    @Override
    public String[] getVersion() {
        return new String[] {"chat " + number() + " (commit " + commit() + ")",
            "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ", "
                    + System.getProperty("java.home") + ")"};
    }
}
