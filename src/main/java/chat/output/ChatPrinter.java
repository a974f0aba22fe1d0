package chat.output;

import chat.graph.CreatedChat;
import chat.graph.PostedMessage;
import chat.json.Json;
import chat.request.ChatMessage;
import chat.request.ChatRequestBody;
import chat.request.ChatToCreate;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.List;

/**
 * What goes to stdout: the result and nothing else. JSON is indented for a person at a terminal and
 * one line for a pipe, so that `--dry-run -o json >> chats.jsonl` writes a line of input for --from.
 */
public final class ChatPrinter {
    private final PrintWriter out;
    private final OutputFormat format;
    private final boolean indented;

    public ChatPrinter(PrintWriter out, OutputFormat format, boolean indented) {
        this.out = out;
        this.format = format;
        this.indented = indented;
    }

    /** The property of the chat's JSON that tells of the message chat posted into it. */
    public static final String POSTED_MESSAGE = "postedMessage";
    public static final String NOT_ADDED = "notAdded";

    /**
     * @param posted    the first message posted into the chat, or null for none; with -o json it is the
     *                  chat's {@value #POSTED_MESSAGE}: its id and createdDateTime
     * @param notAdded  the people not in the chat who were to be added after its create, as named; with
     *                  -o json the chat's {@value #NOT_ADDED}, when any
     */
    public void created(CreatedChat chat, PostedMessage posted, List<String> notAdded, ObjectMapper json) {
        if (format == OutputFormat.TEXT) {
            out.println(chat.id());
        } else {
            ObjectNode shown = chat.chat();
            if (posted != null || !notAdded.isEmpty()) {
                shown = shown.deepCopy();
            }
            if (posted != null) {
                ObjectNode message = shown.putObject(POSTED_MESSAGE);
                message.put("id", posted.id());
                message.put("createdDateTime", posted.createdDateTime());
            }
            if (!notAdded.isEmpty()) {
                notAdded.forEach(shown.putArray(NOT_ADDED)::add);
            }
            out.println(indented ? Json.pretty(json, shown) : Json.compact(json, shown));
        }
        out.flush();
    }

    /**
     * The requests that would be sent: as HTTP requests read, or with -o json the create's body alone,
     * its first message in a "message" property, as a line of --from input holds them.
     *
     * @param message null for none
     */
    public void dryRun(ChatToCreate request, ChatMessage message, String bindBase, String endpoint) {
        if (format == OutputFormat.TEXT) {
            out.println("POST " + endpoint + "/v1.0/chats");
            out.println("Content-Type: application/json");
            out.println();
            out.println(ChatRequestBody.json(request, bindBase, true));
            if (message != null) {
                out.println();
                out.println("POST " + endpoint + "/v1.0/chats/{id of the chat}/messages");
                out.println("Content-Type: application/json");
                out.println();
                out.println(message.json(true));
            }
        } else {
            out.println(ChatRequestBody.json(request, message, bindBase, indented));
        }
        out.flush();
    }
}
