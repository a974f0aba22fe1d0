package chat.request;

import chat.json.Json;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/** The body of {@code POST /v1.0/chats}, in the form of Microsoft's documented examples. */
public final class ChatRequestBody {
    static final String MEMBER_TYPE = "#microsoft.graph.aadUserConversationMember";

    private ChatRequestBody() {
    }

    /**
     * @param graphBase the Graph host the binds name, e.g. {@code https://graph.microsoft.com}: a
     *                  token of one cloud is not accepted by another, and neither are its binds
     * @param pretty    indented for people; compact for one-line-per-request files
     */
    public static String json(ChatRequest request, String graphBase, boolean pretty) {
        StringWriter text = new StringWriter(512);
        try (JsonGenerator json = new JsonFactory().createGenerator(text)) {
            if (pretty) {
                json.setPrettyPrinter(Json.prettyPrinter());
            }
            json.writeStartObject();
            json.writeStringField("chatType", request.type().graphName());
            if (request.topic() != null) {
                json.writeStringField("topic", request.topic());
            }
            json.writeArrayFieldStart("members");
            for (Member member : request.members()) {
                json.writeStartObject();
                json.writeStringField("@odata.type", MEMBER_TYPE);
                json.writeArrayFieldStart("roles");
                json.writeString(member.role().graphName());
                json.writeEndArray();
                json.writeStringField("user@odata.bind", member.user().bindUrl(graphBase));
                if (member.tenantId() != null) {
                    json.writeStringField("tenantId", member.tenantId());
                }
                json.writeEndObject();
            }
            json.writeEndArray();
            if (request.appId() != null) {
                json.writeArrayFieldStart("installedApps");
                json.writeStartObject();
                json.writeStringField("teamsApp@odata.bind", graphBase + "/v1.0/appCatalogs/teamsApps/" + request.appId());
                json.writeEndObject();
                json.writeEndArray();
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }
}
