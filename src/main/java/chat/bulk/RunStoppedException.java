package chat.bulk;

import chat.errors.ErrorReport;
import chat.errors.ExitCodes;
import chat.errors.KnownFailure;

/** The run was stopped (Ctrl-C, SIGTERM) before this line's outcome was known. */
public final class RunStoppedException extends RuntimeException implements KnownFailure {
    private static final long serialVersionUID = 1L;

    private final boolean mayHaveCreated;

    private RunStoppedException(String message, boolean mayHaveCreated) {
        super(message);
        this.mayHaveCreated = mayHaveCreated;
    }

    /** The reason given to every line not sent. */
    public static RunStoppedException interrupted() {
        return new RunStoppedException("not sent: the run was stopped (Ctrl-C or SIGTERM)", false);
    }

    /** Sent, and no answer yet when the run ended. */
    static RunStoppedException inFlight(boolean group, boolean journal) {
        if (!group) {
            return new RunStoppedException("no answer yet when the run stopped; a one-on-one chat is safe to create "
                    + "again", false);
        }
        return new RunStoppedException("no answer yet when the run stopped: the group chat may have been created; "
                + (journal ? "the journal has it as sent, so the next run with it looks for the chat before sending"
                : "look for it in Teams before sending this line again"), true);
    }

    @Override
    public ErrorReport report() {
        ErrorReport report = ErrorReport.of(ExitCodes.INTERRUPTED, getMessage());
        return mayHaveCreated ? report.withMayHaveCreated(true) : report;
    }
}
