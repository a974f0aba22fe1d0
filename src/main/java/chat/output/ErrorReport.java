package chat.output;

import chat.graph.GraphError;
import chat.json.Json;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A failure as scripts read it with -o json:
 * {@code {"error": {"exitCode", "message", "status", "code", "requestId", "clientRequestId", "mayHaveCreated",
 * "existingChatId", "chatId", "mayHavePosted"}}}, each part after the message only when known. Made with {@link #of} and the
 * {@code with…} methods, which name what each failure adds.
 */
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

    /** Graph's answer: its status, error code and the ids that Microsoft support asks for. */
    public ErrorReport withGraphError(GraphError error) {
        return new ErrorReport(exitCode, message, error.status(), error.code(), error.requestId(),
                error.clientRequestId(), mayHaveCreated, existingChatId, chatId, mayHavePosted);
    }

    /** The id chat gave the request, by which Graph's logs can find it when no answer came. */
    public ErrorReport withClientRequestId(String id) {
        return new ErrorReport(exitCode, message, status, code, requestId, id, mayHaveCreated, existingChatId, chatId,
                mayHavePosted);
    }

    /** After this failure the chat may exist, or (false) certainly does not. */
    public ErrorReport withMayHaveCreated(boolean may) {
        return new ErrorReport(exitCode, message, status, code, requestId, clientRequestId, may, existingChatId, chatId,
                mayHavePosted);
    }

    /** The chat that made --if-exists fail. */
    public ErrorReport withExistingChat(String existing) {
        return new ErrorReport(exitCode, message, status, code, requestId, clientRequestId, mayHaveCreated, existing,
                chatId, mayHavePosted);
    }

    /** The chat is there (made or found), though what it was asked for did not all happen. */
    public ErrorReport withChat(String chat) {
        return new ErrorReport(exitCode, message, status, code, requestId, clientRequestId, mayHaveCreated,
                existingChatId, chat, mayHavePosted);
    }

    /** The chat is there, and its first message was not posted, or (true) may have been. */
    public ErrorReport withChatWithoutMessage(String chat, boolean mayHave) {
        return new ErrorReport(exitCode, message, status, code, requestId, clientRequestId, mayHaveCreated,
                existingChatId, chat, mayHave);
    }

    public String toJson(ObjectMapper mapper) {
        ObjectNode root = mapper.createObjectNode();
        root.set("error", toNode(mapper));
        return Json.compact(mapper, root);
    }

    /** The error object alone, as a bulk run's result line holds it. */
    public ObjectNode toNode(ObjectMapper mapper) {
        ObjectNode error = mapper.createObjectNode();
        error.put("exitCode", exitCode);
        error.put("message", message);
        if (status != null) {
            error.put("status", status);
        }
        if (code != null) {
            error.put("code", code);
        }
        if (requestId != null) {
            error.put("requestId", requestId);
        }
        if (clientRequestId != null) {
            error.put("clientRequestId", clientRequestId);
        }
        if (mayHaveCreated != null) {
            error.put("mayHaveCreated", mayHaveCreated);
        }
        if (existingChatId != null) {
            error.put("existingChatId", existingChatId);
        }
        if (chatId != null) {
            error.put("chatId", chatId);
        }
        if (mayHavePosted != null) {
            error.put("mayHavePosted", mayHavePosted);
        }
        return error;
    }
}
