package chat.graph;

import static chat.http.DurationText.seconds;

import chat.http.HttpFailure;
import chat.http.HttpSender;
import chat.http.Request;
import chat.http.Response;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Sends a request until an answer that is not worth retrying comes, within the policy's bounds.
 * A request that is not idempotent is sent again only when it cannot have arrived (the connection
 * was never made) or was refused unprocessed (429, 503): never after an ambiguous failure.
 */
public final class RetryingSender {
    private final HttpSender sender;
    private final RetryPolicy policy;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Consumer<String> notices;
    private final ObjectMapper json;
    private final Pacer pacer;

    /**
     * @param notices one line for each retry, for stderr: a person waiting should know why
     * @param pacer   what requests sharing Graph's limit wait for ({@link Pacer#NONE} for one alone)
     */
    public RetryingSender(HttpSender sender, RetryPolicy policy, Clock clock, Sleeper sleeper,
                          Consumer<String> notices, ObjectMapper json, Pacer pacer) {
        this.sender = sender;
        this.policy = policy;
        this.clock = clock;
        this.sleeper = sleeper;
        this.notices = notices;
        this.json = json;
        this.pacer = pacer;
    }

    /**
     * @param idempotent whether sending twice does no harm (a one-on-one create, a GET)
     * @return the first answer that is not retried: a success, a refusal, or a failure that must not be resent
     */
    public Response send(Request request, boolean idempotent, String clientRequestId) throws InterruptedException {
        return send(request, idempotent, clientRequestId, () -> { });
    }

    /** @param beforeEachAttempt told as each attempt goes, once the pacer's wait is over */
    public Response send(Request request, boolean idempotent, String clientRequestId, Runnable beforeEachAttempt)
            throws InterruptedException {
        Instant deadline = null;
        int retries = 0;
        for (int attempt = 1; ; attempt++) {
            pacer.beforeAttempt(attempt > 1);
            // The time limit runs from the first attempt: a turn awaited among other requests is no
            // wait for Graph. Measured after the pacer's wait: no attempt may outlast it.
            if (deadline == null) {
                deadline = clock.instant().plus(policy.timeout());
            }
            Duration remaining = Duration.between(clock.instant(), deadline);
            if (remaining.isNegative() || remaining.isZero()) {
                throw GraphUnavailableException.nothingCreated("no answer from Graph within the time limit of "
                        + seconds(policy.timeout()) + " (--timeout), after " + attempts(attempt - 1), null,
                        clientRequestId);
            }
            Request sent = attempt == 1 ? request : request.withHeader("Retry-Attempt", String.valueOf(attempt - 1));
            beforeEachAttempt.run();
            Tried tried = attempt(sent, remaining, idempotent, clientRequestId);
            if (tried.answer() != null) {
                return tried.answer();
            }
            // A 429 the pacer waits out costs no retry: its waiting is what answers it.
            boolean free = tried.throttled() && tried.error().status() == 429 && pacer.answersThrottling();
            if (!free && ++retries > policy.maxRetries()) {
                throw GraphUnavailableException.nothingCreated("gave up after " + attempts(attempt) + "; the last: "
                        + tried.problem(), tried.error(), clientRequestId);
            }
            Duration wait = waitBefore(tried, retries, deadline, attempt, clientRequestId);
            if (!free) {
                notices.accept(tried.problem() + "; trying again in " + seconds(wait) + " (retry " + retries + " of "
                        + policy.maxRetries() + ")");
            }
            if (tried.throttled()) {
                pacer.waiting(wait);
            }
            sleeper.sleep(wait);
        }
    }

    /**
     * One attempt's outcome: an answer not to retry, or why it is tried again.
     *
     * @param throttled 429 or 503: Graph did not process it, and says how loaded it is
     */
    private record Tried(Response answer, String problem, GraphError error, Optional<Duration> retryAfter,
                         boolean throttled) {
    }

    private Tried attempt(Request request, Duration remaining, boolean idempotent, String clientRequestId)
            throws InterruptedException {
        try {
            Response response = sender.send(request, remaining);
            if (!isRetryable(response.status(), idempotent)) {
                pacer.answered();
                return new Tried(response, null, null, Optional.empty(), false);
            }
            GraphError error = GraphError.from(response, json, clientRequestId);
            Optional<Duration> retryAfter = RetryPolicy.retryAfter(response, clock);
            boolean throttled = response.status() == 429 || response.status() == 503;
            if (throttled) {
                pacer.throttled(retryAfter);
            }
            return new Tried(null, describe(error), error, retryAfter, throttled);
        } catch (InterruptedException interrupted) {
            if (!idempotent) {
                throw new InterruptedSendException(clientRequestId);
            }
            throw interrupted;
        } catch (HttpFailure failure) {
            if (failure.mayHaveArrived() && !idempotent) {
                throw GraphUnavailableException.perhapsCreated(failure.getMessage() + " after the request was sent",
                        null, clientRequestId);
            }
            return new Tried(null, failure.getMessage(), null, Optional.empty(), false);
        }
    }

    /** The wait before the next attempt, which may not go past the deadline: as Graph asked, or backing off. */
    private Duration waitBefore(Tried tried, int retries, Instant deadline, int attempt, String clientRequestId) {
        Duration wait = policy.waitBefore(retries == 0 ? 1 : retries, tried.retryAfter());
        Instant now = clock.instant();
        if (now.plus(wait).isAfter(deadline)) {
            String waiting = tried.retryAfter().isPresent() ? "Graph asked to be called again " + when(now, wait)
                    + ", which is" : "waiting " + seconds(wait) + " more would be";
            throw GraphUnavailableException.nothingCreated(tried.problem() + "; " + waiting + " past the time limit of "
                    + seconds(policy.timeout()) + " (--timeout), after " + attempts(attempt), tried.error(),
                    clientRequestId);
        }
        return wait;
    }

    /**
     * 429 and 503 say the request was not processed; 502 and 504 say nothing of what happened behind
     * the gateway, so they are retried only when a second arrival does no harm.
     */
    static boolean isRetryable(int status, boolean idempotent) {
        return status == 429 || status == 503 || (idempotent && (status == 502 || status == 504));
    }

    private static String describe(GraphError error) {
        return error.status() == 429 ? "Graph is throttling requests (" + error.summary() + ")" : error.summary();
    }

    /** When a Retry-After asks to be called again: "in 90 s (at 2026-12-04T10:01:30Z)". */
    private static String when(Instant now, Duration wait) {
        if (wait.compareTo(RetryPolicy.LONGEST_RETRY_AFTER) >= 0) {
            return "in a year or more";
        }
        return "in " + seconds(wait) + " (at " + now.plus(wait).truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + ")";
    }

    private static String attempts(int count) {
        return count == 1 ? "1 attempt" : count + " attempts";
    }
}
