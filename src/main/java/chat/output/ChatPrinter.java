package chat.output;

import chat.graph.CreatedChat;
import chat.json.Json;
import chat.request.ChatToCreate;
import chat.request.ChatRequestBody;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;

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

    public void created(CreatedChat chat, ObjectMapper json) {
        out.println(format == OutputFormat.TEXT ? chat.id()
                : indented ? Json.pretty(json, chat.chat()) : Json.compact(json, chat.chat()));
        out.flush();
    }

    /** The request that would be sent: with -o json exactly its body, else as an HTTP request reads. */
    public void dryRun(ChatToCreate request, String bindBase, String endpoint) {
        String body = ChatRequestBody.json(request, bindBase, indented || format == OutputFormat.TEXT);
        if (format == OutputFormat.TEXT) {
            out.println("POST " + endpoint + "/v1.0/chats");
            out.println("Content-Type: application/json");
            out.println();
        }
        out.println(body);
        out.flush();
    }
}
