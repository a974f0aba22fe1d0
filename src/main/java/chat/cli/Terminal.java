package chat.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Which standard streams are a terminal, and whether a person is there to answer a prompt.
 *
 * @param interactive stdin and stderr are terminals and this is not a CI run: only then may a run
 *                    wait for a person to sign in
 * @param stdout      JSON is indented for a person, one line a result for a pipe
 * @param stderr      progress is drawn only on a terminal
 * @param stdinClosed the process was started with no stdin at all (a reading of it would read
 *                    whatever file took its place)
 * @param stdin       where the system shows what stdin is ({@code /proc/self/fd/0}), to tell it from
 *                    a file; null where it cannot
 */
public record Terminal(boolean interactive, boolean stdout, boolean stderr, boolean stdinClosed, Path stdin) {
    /** The launcher, which can ask the shell, passes -Dchat.terminals= with the terminal fds: "012", "2", "". */
    static final String PROPERTY = "chat.terminals";
    /** The launcher passes -Dchat.stdin=closed when it found stdin closed, and opened /dev/null in its place. */
    static final String STDIN_PROPERTY = "chat.stdin";

    public Terminal(boolean interactive, boolean stdout, boolean stderr) {
        this(interactive, stdout, stderr, false, null);
    }

    public static Terminal none() {
        return new Terminal(false, false, false);
    }

    static Terminal detect(Map<String, String> env) {
        Path fds = Path.of("/proc/self/fd");
        String terminals = System.getProperty(PROPERTY);
        if (terminals == null && Files.isDirectory(fds)) {
            terminals = Stream.of("0", "1", "2").filter(fd -> isTerminal(fds.resolve(fd))).collect(Collectors.joining());
        } else if (terminals == null) {
            terminals = System.console() != null ? "012" : ""; // stdin and stdout are terminals
        }
        boolean stderr = terminals.contains("2");
        boolean ci = isSet(env.get("CI")) || isSet(env.get("TF_BUILD")) || env.get("JENKINS_URL") != null;
        Path stdinLink = Files.isDirectory(fds) ? fds.resolve("0") : null;
        return new Terminal(terminals.contains("0") && stderr && !ci, terminals.contains("1"), stderr,
                stdinClosed(stdinLink), stdinLink);
    }

    /**
     * Told by the launcher; else, started as {@code java -jar} with stdin closed, the lowest free
     * descriptor went to a file of the runtime itself (its modules), which stdin now shows.
     */
    private static boolean stdinClosed(Path stdinLink) {
        if ("closed".equals(System.getProperty(STDIN_PROPERTY))) {
            return true;
        }
        if (stdinLink == null) {
            return false;
        }
        try {
            return Files.readSymbolicLink(stdinLink).startsWith(Path.of(System.getProperty("java.home")).toRealPath());
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    private static boolean isSet(String value) {
        return value != null && !value.isBlank() && !value.equalsIgnoreCase("false") && !value.equals("0");
    }

    private static boolean isTerminal(Path fd) {
        try {
            String target = Files.readSymbolicLink(fd).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }
}
