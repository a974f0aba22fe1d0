package chat.http;

import java.time.Duration;

/** Sends one request and reads the whole answer, or fails within the given time. */
@FunctionalInterface
public interface HttpSender {
    Response send(Request request, Duration timeout) throws HttpFailure, InterruptedException;
}
