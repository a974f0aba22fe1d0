package chat.request;

import chat.errors.UsageException;
import chat.json.Json;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The first message of a chat, as {@code POST /chats/{id}/messages} takes it: text, or HTML.
 *
 * @param html whether {@code content} is HTML (Graph's contentType "html") rather than text
 */
public record ChatMessage(String content, boolean html) {
    /**
     * Teams takes a message of about 28 KB, HTML included: one over this many bytes of UTF-8 cannot be
     * posted, and is refused before anything is sent. Graph's 413 tells of one that is nearly as large.
     */
    public static final int MAX_BYTES = 28 * 1024;

    public ChatMessage {
        if (content == null || content.isBlank()) {
            throw new UsageException("the message is empty: give text to post, or leave --message out");
        }
        int bytes = content.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_BYTES) {
            throw new UsageException("the message is " + bytes + " bytes: Teams takes about 28 KB (" + MAX_BYTES
                    + " bytes of UTF-8, HTML included); shorten it or post the rest as a file");
        }
    }

    public String contentType() {
        return html ? "html" : "text";
    }

    /** The body of {@code POST /chats/{id}/messages}: {@code {"body": {"contentType", "content"}}}. */
    public String json(boolean pretty) {
        return Json.write(pretty, json -> {
            json.writeStartObject();
            json.writeFieldName("body");
            writeBody(json);
            json.writeEndObject();
        });
    }

    /** {@code {"contentType", "content"}}. */
    void writeBody(JsonGenerator json) throws IOException {
        json.writeStartObject();
        json.writeStringField("contentType", contentType());
        json.writeStringField("content", content);
        json.writeEndObject();
    }
}
