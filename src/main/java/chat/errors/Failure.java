package chat.errors;

import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;

/**
 * What any failure means for the person or script that ran chat: an exit code and one line, with what
 * -o json adds. A failure chat knows tells it itself ({@link KnownFailure}); here are only the ones
 * that come from elsewhere.
 */
public final class Failure {
    private Failure() {
    }

    public static ErrorReport describe(Throwable e) {
        if (e instanceof KnownFailure known) {
            return known.report();
        }
        if (e instanceof InterruptedException) {
            return ErrorReport.of(ExitCodes.INTERRUPTED, "interrupted");
        }
        // A file chat keeps or was given that the system will not let it use: a setting to fix, not a fault.
        Throwable io = e instanceof UncheckedIOException unchecked ? unchecked.getCause() : e;
        if (io instanceof FileSystemException files) {
            return ErrorReport.of(ExitCodes.USAGE, "cannot use " + files.getFile()
                    + (files.getReason() == null ? "" : ": " + files.getReason())
                    + (files.getOtherFile() == null ? "" : " (" + files.getOtherFile() + ")"));
        }
        return ErrorReport.of(ExitCodes.INTERNAL, "unexpected error: " + e);
    }
}
