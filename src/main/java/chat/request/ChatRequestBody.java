package chat.request;

import chat.errors.UsageException;
import chat.json.Json;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The body of {@code POST /v1.0/chats}, in the form of Microsoft's documented examples; and back:
 * a body read (a line of a --from file) into the same checked request the options make.
 */
public final class ChatRequestBody {
    static final String MEMBER_TYPE = "#microsoft.graph.aadUserConversationMember";
    /** A line's property that holds the chat's first message, beside the body. */
    public static final String MESSAGE = "message";
    /** A line's property that names groups whose people join the chat, read when it is sent. */
    private static final String MEMBERS_OF = "membersOf";
    /** Groups a line may name: a chat holds 250 people, and each group is read whole. */
    static final int MAX_GROUPS = 20;
    private static final Set<String> CHAT_FIELDS = Set.of("chatType", "topic", "members", "installedApps", MEMBERS_OF);
    private static final Set<String> MEMBER_FIELDS = Set.of("@odata.type", "roles", "user@odata.bind", "tenantId");
    private static final Set<String> MESSAGE_FIELDS = Set.of("contentType", "content");

    /**
     * A line of --from input: the create's body, and the chat's first message beside it.
     *
     * @param message null when the line has none
     */
    public record Line(ChatDraft draft, ChatMessage message) {
    }

    private ChatRequestBody() {
    }

    /**
     * @param graphBase the Graph host the binds name, e.g. {@code https://graph.microsoft.com}: a
     *                  token of one cloud is not accepted by another, and neither are its binds
     * @param pretty    indented for people; compact for one-line-per-request files
     */
    public static String json(ChatToCreate request, String graphBase, boolean pretty) {
        return json(request, null, graphBase, pretty);
    }

    /**
     * A line of --from input: the body, and the chat's first message beside it in a "message"
     * property (a string for text; {@code {"contentType": "html", "content"}} for HTML), which is not
     * sent with the create.
     *
     * @param message null for none
     */
    public static String json(ChatToCreate request, ChatMessage message, String graphBase, boolean pretty) {
        return Json.write(pretty, json -> {
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
            if (request instanceof ChatDraft draft && !draft.membersOf().isEmpty()) {
                json.writeArrayFieldStart(MEMBERS_OF);
                for (String group : draft.membersOf()) {
                    json.writeString(group);
                }
                json.writeEndArray();
            }
            if (message != null && !message.html()) {
                json.writeStringField(MESSAGE, message.content());
            } else if (message != null) {
                json.writeFieldName(MESSAGE);
                message.writeBody(json);
            }
            json.writeEndObject();
        });
    }

    /**
     * What a line asks for, the same however it was written: its members in one order, each named in
     * lower case, no cloud host, and its message beside it when it has one (a line whose message is
     * edited is another line). How journals of format 1 keyed lines.
     */
    public static String canonical(ChatDraft request, ChatMessage message) {
        List<Member> members = new ArrayList<>();
        for (Member member : request.members()) {
            members.add(new Member(UserKey.parse(member.user().identity()), member.role(), member.tenantId()));
        }
        members.sort(java.util.Comparator.comparing((Member member) -> member.user().identity()));
        return json(new ChatDraft(request.type(), request.topic(), members, request.appId(),
                request.addsSignedInUser(), request.groupsInOneForm()), message, "", false);
    }

    /**
     * A line of --from input: a create body, which may hold the chat's first message in a "message"
     * property (a string for text, or {@code {"contentType": "text"|"html", "content": "…"}}); the
     * body is what remains.
     */
    public static Line parseLine(String line, String graphBase, boolean addsSignedInUser) {
        ObjectNode chat = readObject(line);
        JsonNode message = chat.remove(MESSAGE);
        return new Line(draft(chat, graphBase, addsSignedInUser), message == null ? null : message(message));
    }

    private static ObjectNode readObject(String body) {
        JsonNode chat = readOneObject(body);
        if (!(chat instanceof ObjectNode object)) {
            throw new UsageException("not a JSON object: a line is one create-chat request body");
        }
        return object;
    }

    private static ChatMessage message(JsonNode message) {
        String content;
        boolean html;
        if (message.isTextual()) {
            content = message.asText();
            html = false;
        } else if (message.isObject()) {
            rejectUnknown(message, MESSAGE_FIELDS, MESSAGE + ".");
            String type = text(message, "contentType", MESSAGE + ".");
            if (!type.equals("text") && !type.equals("html")) {
                throw new UsageException("'message.contentType' '" + type + "' is neither text nor html");
            }
            content = text(message, "content", MESSAGE + ".");
            html = type.equals("html");
        } else {
            throw new UsageException("'message' must be the message's text, or {\"contentType\": \"text\"|\"html\", "
                    + "\"content\": \"…\"}");
        }
        if (content.isBlank()) {
            throw new UsageException("'message' is empty: give text to post, or leave it out");
        }
        try {
            return new ChatMessage(content, html);
        } catch (UsageException tooLong) {
            throw new UsageException("'message': " + tooLong.getMessage());
        }
    }

    private static ChatDraft draft(JsonNode chat, String graphBase, boolean addsSignedInUser) {
        rejectUnknown(chat, CHAT_FIELDS, "");
        ChatType type = ChatType.fromGraphName(text(chat, "chatType", ""));
        String topic = chat.hasNonNull("topic") ? text(chat, "topic", "") : null;
        List<String> groups = groups(chat.path(MEMBERS_OF));
        JsonNode members = chat.path("members");
        if (!members.isArray() && !(members.isMissingNode() && !groups.isEmpty())) {
            throw new UsageException("'members' must be an array of the chat's people");
        }
        List<Member> people = new ArrayList<>();
        for (int i = 0; i < members.size(); i++) {
            people.add(member(members.get(i), graphBase, "members[" + i + "]"));
        }
        return new ChatDraft(type, topic, people, app(chat.path("installedApps"), graphBase), addsSignedInUser, groups);
    }

    /** "membersOf": each group's object id, mail or name, once; none when the line has no such property. */
    private static List<String> groups(JsonNode named) {
        if (named.isMissingNode()) {
            return List.of();
        }
        if (!named.isArray() || named.isEmpty() || named.size() > MAX_GROUPS) {
            throw new UsageException("'" + MEMBERS_OF + "' must be an array of 1 to " + MAX_GROUPS + " groups (each "
                    + "an object id, a mail or a name)");
        }
        List<String> groups = new ArrayList<>();
        for (JsonNode group : named) {
            if (!group.isTextual()) {
                throw new UsageException("'" + MEMBERS_OF + "' holds a group that is not a name: give each group's "
                        + "object id, mail or name as a string");
            }
            String name;
            try {
                name = ChatRules.group(group.asText());
            } catch (UsageException e) {
                throw new UsageException("'" + MEMBERS_OF + "': " + e.getMessage());
            }
            if (groups.stream().anyMatch(name::equalsIgnoreCase)) {
                throw new UsageException("'" + MEMBERS_OF + "' names '" + name + "' twice: give each group once");
            }
            groups.add(name);
        }
        return groups;
    }

    /**
     * Exactly one JSON value and nothing after it: `{…}{…}` or `{…} garbage` would otherwise make the
     * first chat and drop the rest unseen. A property given twice is refused too, not settled by the last.
     */
    private static JsonNode readOneObject(String body) {
        try (JsonParser parser = Reader.MAPPER.createParser(body)) {
            JsonNode value = Reader.MAPPER.readTree(parser);
            JsonToken after;
            try {
                after = parser.nextToken();
            } catch (JsonProcessingException e) {
                after = JsonToken.NOT_AVAILABLE;
            }
            if (after != null) {
                throw new UsageException("there is more after the JSON object: a line holds exactly one "
                        + "create-chat body and nothing else");
            }
            return value;
        } catch (JsonProcessingException e) {
            Matcher duplicate = DUPLICATE.matcher(String.valueOf(e.getOriginalMessage()));
            if (duplicate.find()) {
                throw new UsageException("'" + duplicate.group(1) + "' is given twice: give each property once");
            }
            throw new UsageException("not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Jackson tells a duplicate property only in its message's words. Without this, a property given
     * twice reads "not JSON: Duplicate field …"; HostileInputTest holds the words.
     */
    private static final Pattern DUPLICATE = Pattern.compile("^Duplicate field '(.*)'");

    /** Loaded by the first parse only: writing a body, as a dry run does, needs no object mapper. */
    private static final class Reader {
        static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
                .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION).build());
    }

    private static Member member(JsonNode member, String graphBase, String where) {
        if (!member.isObject()) {
            throw new UsageException(where + " is not an object");
        }
        rejectUnknown(member, MEMBER_FIELDS, where + ".");
        String type = text(member, "@odata.type", where + ".");
        if (!type.equals(MEMBER_TYPE)) {
            throw new UsageException(where + ".@odata.type '" + type + "' is not " + MEMBER_TYPE);
        }
        JsonNode roles = member.path("roles");
        if (!roles.isArray() || roles.size() != 1 || !roles.get(0).isTextual()) {
            throw new UsageException(where + ".roles must hold exactly one role: owner or guest");
        }
        Role role = Role.fromGraphName(roles.get(0).asText());
        UserKey user = userFromBind(text(member, "user@odata.bind", where + "."), graphBase, where);
        if (member.hasNonNull("tenantId")) {
            if (role != Role.OWNER) {
                throw new UsageException(where + " is a user of another tenant and must have the role owner");
            }
            return Member.federated(user, text(member, "tenantId", where + "."));
        }
        return role == Role.OWNER ? Member.owner(user) : Member.guest(user);
    }

    /** {@code {graph}/v1.0/users('key')} (an OData literal) or {@code {graph}/v1.0/users/key}. */
    static UserKey userFromBind(String bind, String graphBase, String where) {
        String prefix = graphBase + "/v1.0/users";
        if (!bind.startsWith(prefix)) {
            throw new UsageException(where + ".user@odata.bind '" + bind + "' does not start with " + prefix
                    + " (the cloud's Graph host)");
        }
        String rest = bind.substring(prefix.length());
        String key;
        if (rest.startsWith("('") && rest.endsWith("')") && rest.length() > 4) {
            key = percentDecode(rest.substring(2, rest.length() - 2), where).replace("''", "'");
        } else if (rest.startsWith("/") && rest.length() > 1) {
            key = percentDecode(rest.substring(1), where);
        } else {
            throw new UsageException(where + ".user@odata.bind '" + bind + "' names no user: expected "
                    + prefix + "('id-or-upn')");
        }
        return UserKey.parse(key);
    }

    private static String app(JsonNode apps, String graphBase) {
        if (apps.isMissingNode() || apps.isNull()) {
            return null;
        }
        if (!apps.isArray() || apps.size() != 1 || !apps.get(0).isObject()) {
            throw new UsageException("'installedApps' must hold exactly one app: only one can be installed "
                    + "when a chat is created");
        }
        String bind = text(apps.get(0), "teamsApp@odata.bind", "installedApps[0].");
        String prefix = graphBase + "/v1.0/appCatalogs/teamsApps/";
        if (!bind.startsWith(prefix)) {
            throw new UsageException("installedApps[0].teamsApp@odata.bind '" + bind + "' does not start with "
                    + prefix);
        }
        return bind.substring(prefix.length());
    }

    private static void rejectUnknown(JsonNode object, Set<String> known, String where) {
        object.fieldNames().forEachRemaining(name -> {
            if (!known.contains(name)) {
                throw new UsageException("unknown property '" + where + name + "'");
            }
        });
    }

    private static String text(JsonNode object, String field, String where) {
        JsonNode value = object.path(field);
        if (!value.isTextual()) {
            throw new UsageException("'" + where + field + "' must be a string");
        }
        return value.asText();
    }

    private static String percentDecode(String text, String where) {
        try {
            return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new UsageException(where + ".user@odata.bind has a broken %-escape: " + text);
        }
    }
}
