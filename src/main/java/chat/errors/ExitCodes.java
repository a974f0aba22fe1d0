package chat.errors;

import java.util.LinkedHashMap;
import java.util.Map;

/** The exit codes, as --help and the README list them. */
public final class ExitCodes {
    public static final int OK = 0;
    /** A fault of the tool itself. */
    public static final int INTERNAL = 1;
    /** Bad input: the command line, a setting or an input file. Nothing was sent. */
    public static final int USAGE = 2;
    /** No credential, or the credential or token was refused (by sign-in, Graph, or the proxy with a 407). */
    public static final int AUTH = 3;
    /** Graph refused the request (a 4xx other than 401 and 429). */
    public static final int REFUSED = 4;
    /**
     * No answer: network failure, timeout, retries used up, an outcome that is unknown, a journal not
     * written; or the result not written to stdout.
     */
    public static final int UNAVAILABLE = 5;
    /** --if-exists fail, and a group chat of the same people exists. */
    public static final int EXISTS = 6;
    /** Stopped by Ctrl-C or SIGTERM (128 + SIGINT). */
    public static final int INTERRUPTED = 130;

    /**
     * The worse of two outcomes, for a bulk run's exit: a fault of chat's own, then sign-in, then an
     * unknown or unreached Graph, then a refusal, then an existing chat, then bad input.
     */
    public static int worst(int a, int b) {
        return severity(a) >= severity(b) ? a : b;
    }

    private static int severity(int code) {
        return switch (code) {
            case OK -> 0;
            case USAGE -> 1;
            case EXISTS -> 2;
            case REFUSED -> 3;
            case UNAVAILABLE -> 4;
            case AUTH -> 5;
            default -> 6;
        };
    }

    /** For the "Exit codes" section of --help, in order. */
    public static Map<String, String> descriptions() {
        Map<String, String> codes = new LinkedHashMap<>();
        codes.put("  0", "Success: for create, the chat exists and its id was printed.");
        codes.put("  1", "An unexpected fault of chat itself.");
        codes.put("  2", "Bad input: options, values or settings. Nothing was sent.");
        codes.put("  3", "No credential, or the credential or token was rejected (by sign-in, Graph or the proxy).");
        codes.put("  4", "Graph refused the request (HTTP 4xx other than 401 and 429).");
        codes.put("  5", "No usable answer: network failure, timeout, retries used up. For a group chat, "
                + "stderr says whether it may have been created. With --journal: a record could not be written. "
                + "Or stdout would not take the result: stderr names the chat made.");
        codes.put("  6", "With --if-exists fail: a group chat of the same people exists (its id on stderr).");
        codes.put("130", "Interrupted (Ctrl-C or SIGTERM); a second one ends chat at once.");
        return codes;
    }

    private ExitCodes() {
    }
}
