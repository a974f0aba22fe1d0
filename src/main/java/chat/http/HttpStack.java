package chat.http;

/**
 * Where a run's requests go: one stack for Graph and sign-in alike. {@link JdkHttpStack} is the real
 * one; a test that needs no socket can give a run a stack of its own.
 */
public interface HttpStack extends AutoCloseable {
    /** Starts what sending needs in the background; harmless when nothing is sent after all. */
    void prestart();

    /** The sender for the run's requests; a setting that makes sending impossible fails here. */
    HttpSender sender();

    /** Ends what the stack started; the run is over. */
    @Override
    void close();
}
