package chat.bulk;

import chat.graph.PostedMessage;

/**
 * What became of one chat of a bulk run, as the output layer reports it.
 *
 * @param chatId   the chat, when it is there: also for a line that failed only in posting its message
 * @param failure  why it failed or was skipped; null when it succeeded
 * @param sent     whether this run sent Graph a create for it (for the rate shown)
 * @param recorded whether the journal holds this outcome (always so without a journal, which has
 *                 nothing to lose)
 * @param posted   the line's message, posted; null for a line without one, or one posted by an
 *                 earlier run whose journal holds only its id (then with no time)
 */
public record LineOutcome(int number, int index, Status status, String chatId, RuntimeException failure, boolean sent,
                          boolean recorded, PostedMessage posted) {

    public enum Status {
        /** Made by this line: in this run, by an earlier one (the journal says so), or found as its own. */
        CREATED,
        /** An existing group chat of the same people, reused (--if-exists reuse). */
        EXISTING,
        FAILED,
        /** Not sent: the run stopped first. */
        SKIPPED
    }

    static LineOutcome done(InputLine line, Status status, String chatId, PostedMessage posted, boolean sent,
                            boolean recorded) {
        return new LineOutcome(line.number(), line.index(), status, chatId, null, sent, recorded, posted);
    }

    static LineOutcome failed(InputLine line, RuntimeException failure, boolean sent, boolean recorded) {
        return failed(line, null, failure, sent, recorded);
    }

    /** @param chatId the chat, when only its message failed */
    static LineOutcome failed(InputLine line, String chatId, RuntimeException failure, boolean sent, boolean recorded) {
        return new LineOutcome(line.number(), line.index(), Status.FAILED, chatId, failure, sent, recorded, null);
    }

    static LineOutcome skipped(InputLine line, RuntimeException why) {
        return new LineOutcome(line.number(), line.index(), Status.SKIPPED, null, why, false, false, null);
    }
}
