package chat.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import chat.http.HttpSender;
import chat.http.Request;
import chat.http.Response;
import chat.json.Json;
import chat.testing.FakeClock;
import chat.testing.RecordingSleeper;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What a request's time limit counts when it waits for a turn among others (a bulk run's lines, paced):
 * its wait before the first attempt is no wait for Graph; from the first attempt on, everything counts.
 */
class RetryingSenderTest {
    private static final Duration LIMIT = Duration.ofSeconds(60);
    private final FakeClock clock = new FakeClock(Instant.parse("2026-11-22T10:00:00Z"));
    private final RecordingSleeper sleeper = new RecordingSleeper(clock);
    private final ArrayDeque<Response> answers = new ArrayDeque<>();
    private final HttpSender graph = (request, timeout) -> {
        assertFalse(answers.isEmpty(), "a request nobody scripted: " + request.uri());
        return answers.removeFirst();
    };

    @AfterEach
    void everyAnswerWasAskedFor() {
        assertEquals(0, answers.size(), "answers left unused");
    }

    @Test
    void aLongWaitForTheFirstTurnLeavesTheWholeTimeLimitToTheAttempts() throws InterruptedException {
        answers.add(throttled("1"));
        answers.add(new Response(201, headers(Map.of()), new byte[0]));
        Response answer = sender(turnsTaking(LIMIT.multipliedBy(2), Duration.ofSeconds(10))).send(create(), false, "id");
        assertEquals(201, answer.status());
    }

    @Test
    void aRetrysWaitForItsTurnCountsAgainstTheTimeLimit() {
        answers.add(throttled("1"));
        GraphUnavailableException late = assertThrows(GraphUnavailableException.class,
                () -> sender(turnsTaking(Duration.ZERO, LIMIT)).send(create(), false, "id"));
        assertEquals("no answer from Graph within the time limit of 60 s (--timeout), after 1 attempt",
                late.getMessage());
    }

    /** A pacer whose turns take this long: the first, and each retry's. */
    private Pacer turnsTaking(Duration first, Duration retry) {
        return new Pacer() {
            @Override
            public void beforeAttempt(boolean isRetry) {
                clock.advance(isRetry ? retry : first);
            }

            @Override
            public boolean answersThrottling() {
                return true;
            }
        };
    }

    private RetryingSender sender(Pacer pacer) {
        return new RetryingSender(graph, RetryPolicy.of(RetryPolicy.DEFAULT_MAX_RETRIES, LIMIT, new Random(42)), clock,
                sleeper, notice -> { }, Json.mapper(), pacer);
    }

    private static Request create() {
        return Request.post(URI.create("https://graph.microsoft.com/v1.0/chats"), Map.of(), "{}");
    }

    private static Response throttled(String retryAfter) {
        return new Response(429, headers(Map.of("Retry-After", List.of(retryAfter))),
                "{\"error\":{\"code\":\"TooManyRequests\",\"message\":\"Slow down\"}}".getBytes(StandardCharsets.UTF_8));
    }

    private static HttpHeaders headers(Map<String, List<String>> map) {
        return HttpHeaders.of(map, (name, value) -> true);
    }
}
