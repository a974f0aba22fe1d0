package chat.output;

import chat.json.Json;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A failure as one JSON line, for scripts that asked for -o json:
 * {@code {"error": {"exitCode", "message", "status", "code", "requestId", "clientRequestId"}}}.
 */
public record ErrorReport(int exitCode, String message, Integer status, String code, String requestId,
                          String clientRequestId, Boolean mayHaveCreated, String existingChatId) {

    public static ErrorReport of(int exitCode, String message) {
        return new ErrorReport(exitCode, message, null, null, null, null, null, null);
    }

    /** The same failure, told in other words. */
    public ErrorReport withMessage(String other) {
        return new ErrorReport(exitCode, other, status, code, requestId, clientRequestId, mayHaveCreated, existingChatId);
    }

    /** The same failure, after which the chat may or may not exist. */
    public ErrorReport withMayHaveCreated(boolean may) {
        return new ErrorReport(exitCode, message, status, code, requestId, clientRequestId, may, existingChatId);
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
        return error;
    }
}
