package chat.errors;

/**
 * What was given cannot be used — a flag, a setting, a variable, an input file or journal, the chat it
 * describes — and this is known before anything is sent: exit 2, with a line that names it.
 */
public class UsageException extends RuntimeException implements KnownFailure {
    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message);
    }

    @Override
    public ErrorReport report() {
        return ErrorReport.of(ExitCodes.USAGE, getMessage());
    }
}
