package chat.errors;

/**
 * A failure chat understands where it happens: it knows its exit code and what a person or a script
 * is told of it, so that no ladder far away has to work that out.
 */
public interface KnownFailure {
    ErrorReport report();
}
