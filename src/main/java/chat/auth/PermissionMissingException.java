package chat.auth;

import chat.errors.ErrorReport;
import chat.errors.ExitCodes;
import chat.errors.KnownFailure;

/** The token shows it may not do what the run needs: refused before anything is made. */
public final class PermissionMissingException extends RuntimeException implements KnownFailure {
    private static final long serialVersionUID = 1L;

    public PermissionMissingException(String message) {
        super(message);
    }

    @Override
    public ErrorReport report() {
        return ErrorReport.of(ExitCodes.AUTH, getMessage());
    }
}
