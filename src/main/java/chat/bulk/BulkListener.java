package chat.bulk;

/** Hears a bulk run as it goes: the output layer prints, draws progress and sums up from this. */
public interface BulkListener {
    /** A line's outcome, once; from any thread, in any order. */
    void finished(LineOutcome outcome);

    /** Something a person should know of a line (an earlier run's chat found, a wait), for stderr. */
    void note(int lineNumber, String text);
}
