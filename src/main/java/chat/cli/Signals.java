package chat.cli;

/**
 * Ctrl-C and SIGTERM. The first asks the run to stop, by whatever the innermost registration says
 * (by default: the command's thread is interrupted, which ends a wait or a request with the exit
 * code 130); a second ends the process at once. Tests send their own.
 */
public interface Signals {
    /** Undoes a registration. */
    interface Registration extends AutoCloseable {
        @Override
        void close();
    }

    /** Registered while nothing is under way that a stop could lose: the process ends at once. */
    Runnable END_AT_ONCE = () -> { };

    /** Until closed, the first signal runs {@code action}. */
    Registration onStop(Runnable action);

    /** For commands that are never run, such as the model that completions are made from. */
    static Signals none() {
        return action -> () -> { };
    }
}
