package chat.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Which standard streams are a terminal, and whether a person is there to answer a prompt.
 *
 * @param interactive stdin and stderr are terminals and this is not a CI run: only then may a run
 *                    wait for a person to sign in
 * @param stdout      JSON is indented for a person, one line a result for a pipe
 * @param stderr      progress is drawn only on a terminal
 */
public record Terminal(boolean interactive, boolean stdout, boolean stderr) {
    /** The launcher, which can ask the shell, passes -Dchat.terminals= with the terminal fds: "012", "2", "". */
    static final String PROPERTY = "chat.terminals";

    public static Terminal none() {
        return new Terminal(false, false, false);
    }

    static Terminal detect(Map<String, String> env) {
        boolean stdin;
        boolean stdout;
        boolean stderr;
        String told = System.getProperty(PROPERTY);
        Path fds = Path.of("/proc/self/fd");
        if (told != null) {
            stdin = told.contains("0");
            stdout = told.contains("1");
            stderr = told.contains("2");
        } else if (Files.isDirectory(fds)) {
            stdin = isTerminal(fds.resolve("0"));
            stdout = isTerminal(fds.resolve("1"));
            stderr = isTerminal(fds.resolve("2"));
        } else {
            stdin = stdout = stderr = System.console() != null; // stdin and stdout are terminals
        }
        boolean ci = isSet(env.get("CI")) || isSet(env.get("TF_BUILD")) || env.get("JENKINS_URL") != null;
        return new Terminal(stdin && stderr && !ci, stdout, stderr);
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
