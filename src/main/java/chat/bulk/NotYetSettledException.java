package chat.bulk;

import chat.errors.ErrorReport;
import chat.errors.ExitCodes;
import chat.errors.KnownFailure;
import java.time.Instant;

/**
 * An earlier run sent this line's chat (or posted its message) without learning what came of it, and
 * it is not to be found yet: Graph goes on with a request after the client stops waiting, so it may
 * still be making it. It is not sent again before a time it names: the line is left for a later run.
 */
public final class NotYetSettledException extends RuntimeException implements KnownFailure {
    private static final long serialVersionUID = 1L;

    NotYetSettledException(String what, Instant sentAt, Instant settlesAt) {
        super("an earlier run " + what + " at " + sentAt + " and it is not there yet: Graph may still be at work on "
                + "it, so it is not sent again before " + settlesAt + " (--resend-after): run this again then");
    }

    @Override
    public ErrorReport report() {
        return ErrorReport.of(ExitCodes.UNAVAILABLE, getMessage()).withMayHaveCreated(true);
    }
}
