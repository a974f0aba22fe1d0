package chat.output;

import chat.graph.CreatedChat;
import chat.json.Json;
import chat.request.ChatRequest;
import chat.request.ChatRequestBody;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;

/** What goes to stdout: the result and nothing else. */
public final class ChatPrinter {
    private final PrintWriter out;
    private final OutputFormat format;

    public ChatPrinter(PrintWriter out, OutputFormat format) {
        this.out = out;
        this.format = format;
    }

    public void created(CreatedChat chat, ObjectMapper json) {
        out.println(format == OutputFormat.JSON ? Json.pretty(json, chat.chat()) : chat.id());
        out.flush();
    }

    /** The request that would be sent: with -o json exactly its body, else as an HTTP request reads. */
    public void dryRun(ChatRequest request, String bindBase, String endpoint) {
        String body = ChatRequestBody.json(request, bindBase, true);
        if (format == OutputFormat.TEXT) {
            out.println("POST " + endpoint + "/v1.0/chats");
            out.println("Content-Type: application/json");
            out.println();
        }
        out.println(body);
        out.flush();
    }
}
