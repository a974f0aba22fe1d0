package chat.errors;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * A failure as scripts read it with -o json, {@code {"error": {…}}}, each part after the message only
 * when known: Graph's answer (status, error code, the ids Microsoft support asks for), whether a group
 * chat may have been created, the chat that exists (--if-exists fail), and the chat that is there
 * although its message was not posted.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"exitCode", "message", "status", "code", "requestId", "clientRequestId", "mayHaveCreated",
    "existingChatId", "chatId", "mayHavePosted"})
public record ErrorReport(int exitCode, String message, Integer status, String code, String requestId,
                          String clientRequestId, Boolean mayHaveCreated, String existingChatId, String chatId,
                          Boolean mayHavePosted) {

    public static ErrorReport of(int exitCode, String message) {
        return new ErrorReport(exitCode, message, null, null, null, null, null, null, null, null);
    }

    /** The same failure, told in other words. */
    public ErrorReport withMessage(String other) {
        return new ErrorReport(exitCode, other, status, code, requestId, clientRequestId, mayHaveCreated, existingChatId,
                chatId, mayHavePosted);
    }

    /** The same details, for a failure that means something else (a rejected token is a sign-in's). */
    public ErrorReport as(int otherExitCode, String other) {
        return new ErrorReport(otherExitCode, other, status, code, requestId, clientRequestId, mayHaveCreated,
                existingChatId, chatId, mayHavePosted);
    }

    /** What Graph answered: its status and error code, and the ids of the request. */
    public ErrorReport withAnswer(int answerStatus, String answerCode, String answerRequestId, String answerClientRequestId) {
        return new ErrorReport(exitCode, message, answerStatus, answerCode, answerRequestId, answerClientRequestId,
                mayHaveCreated, existingChatId, chatId, mayHavePosted);
    }

    /** The id chat gave the request, by which Graph's logs can find it when no answer came. */
    public ErrorReport withClientRequestId(String id) {
        return new ErrorReport(exitCode, message, status, code, requestId, id, mayHaveCreated, existingChatId, chatId,
                mayHavePosted);
    }

    /** After this failure the chat may exist, or (false) certainly does not; null: not said. */
    public ErrorReport withMayHaveCreated(Boolean may) {
        return new ErrorReport(exitCode, message, status, code, requestId, clientRequestId, may, existingChatId, chatId,
                mayHavePosted);
    }

    /** The chat that made --if-exists fail. */
    public ErrorReport withExistingChat(String existing) {
        return new ErrorReport(exitCode, message, status, code, requestId, clientRequestId, mayHaveCreated, existing,
                chatId, mayHavePosted);
    }

    /**
     * The chat is there (made or found), though what it was asked for did not all happen.
     *
     * @param messageMayBeThere for a message not posted: whether it may have been all the same; else null
     */
    public ErrorReport withChat(String chat, Boolean messageMayBeThere) {
        return new ErrorReport(exitCode, message, status, code, requestId, clientRequestId, mayHaveCreated,
                existingChatId, chat, messageMayBeThere);
    }

    /** The JSON error line: {@code {"error": {…}}}. */
    public String toJson(ObjectMapper mapper) {
        try {
            return mapper.writeValueAsString(Map.of("error", this));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
