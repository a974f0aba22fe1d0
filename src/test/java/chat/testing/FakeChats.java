package chat.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The chats a fake Graph holds, as Graph keeps them: a one-on-one chat is unique to its two people
 * (creating it again returns it), a group chat is new every time. Members are listed by object id
 * and, for people bound by UPN, by email too.
 */
public final class FakeChats {
    private static final Pattern BIND = Pattern.compile("/v1\\.0/users(?:\\('(.*)'\\)|/(.*))$");

    public record Participant(String userId, String email) {
        boolean is(String key) {
            return key.equalsIgnoreCase(userId) || key.equalsIgnoreCase(email);
        }
    }

    public record Chat(String id, String type, String topic, List<Participant> members, Instant lastUpdated) {
        /** The people and topic, whatever their order: two group chats with equal keys are duplicates. */
        public String key() {
            List<String> people = new ArrayList<>(members.stream().map(Participant::userId).toList());
            people.sort(null);
            return type + "|" + topic + "|" + people;
        }
    }

    private final ObjectMapper json = new ObjectMapper();
    private final List<Chat> chats = new ArrayList<>();
    private volatile java.time.Clock clock = java.time.Clock.systemUTC();

    /** Graph's clock, which dates the chats it makes: the machine's, unless a test keeps its own. */
    public void clock(java.time.Clock graphClock) {
        this.clock = graphClock;
    }

    /** A person as Graph would know them from a bind key: a GUID is their id; a UPN has an id of its own. */
    public static Participant person(String key) {
        String decoded = java.net.URLDecoder.decode(key.replace("+", "%2B"), StandardCharsets.UTF_8).replace("''", "'");
        boolean guid = decoded.matches("[0-9a-fA-F-]{36}");
        return guid ? new Participant(decoded.toLowerCase(Locale.ROOT), null)
                : new Participant(UUID.nameUUIDFromBytes(decoded.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8))
                        .toString(), decoded);
    }

    public synchronized Chat seedGroup(String topic, Instant lastUpdated, String... keys) {
        List<Participant> members = new ArrayList<>();
        for (String key : keys) {
            members.add(person(key));
        }
        Chat chat = new Chat(groupId(), "group", topic, List.copyOf(members), lastUpdated);
        chats.add(chat);
        return chat;
    }

    synchronized Chat create(JsonNode request) {
        String type = request.path("chatType").asText();
        String topic = request.path("topic").isTextual() ? request.get("topic").asText() : null;
        List<Participant> members = new ArrayList<>();
        for (JsonNode member : request.path("members")) {
            Matcher bind = BIND.matcher(member.path("user@odata.bind").asText());
            if (bind.find()) {
                members.add(person(bind.group(1) != null ? bind.group(1) : bind.group(2)));
            }
        }
        if (type.equals("oneOnOne")) {
            Set<String> pair = new HashSet<>(members.stream().map(Participant::userId).toList());
            for (Chat chat : chats) {
                if (chat.type().equals("oneOnOne")
                        && pair.equals(new HashSet<>(chat.members().stream().map(Participant::userId).toList()))) {
                    return chat;
                }
            }
        }
        Chat chat = new Chat(type.equals("group") ? groupId()
                : "19:" + UUID.randomUUID() + "_" + UUID.randomUUID() + "@unq.gbl.spaces", type, topic,
                List.copyOf(members), clock.instant());
        chats.add(chat);
        return chat;
    }

    /** @param owner an object id or UPN, or null for all */
    public synchronized List<Chat> groupChatsOf(String owner) {
        return chats.stream().filter(chat -> chat.type().equals("group"))
                .filter(chat -> owner == null || chat.members().stream().anyMatch(member -> member.is(owner)))
                .toList();
    }

    public synchronized List<Chat> all() {
        return List.copyOf(chats);
    }

    /** How many group chats repeat the people and topic of another: what a careful client never causes. */
    public synchronized int duplicateGroups() {
        Set<String> seen = new HashSet<>();
        int duplicates = 0;
        for (Chat chat : chats) {
            if (chat.type().equals("group") && !seen.add(chat.key())) {
                duplicates++;
            }
        }
        return duplicates;
    }

    ObjectNode toJson(Chat chat, boolean withMembers) {
        ObjectNode object = json.createObjectNode();
        object.put("id", chat.id());
        if (chat.topic() == null) {
            object.putNull("topic");
        } else {
            object.put("topic", chat.topic());
        }
        object.put("createdDateTime", chat.lastUpdated().toString());
        object.put("lastUpdatedDateTime", chat.lastUpdated().toString());
        object.put("chatType", chat.type());
        if (withMembers) {
            ArrayNode members = object.putArray("members");
            for (Participant participant : chat.members()) {
                ObjectNode member = members.addObject();
                member.put("@odata.type", "#microsoft.graph.aadUserConversationMember");
                member.putArray("roles").add("owner");
                member.put("userId", participant.userId());
                if (participant.email() == null) {
                    member.putNull("email");
                } else {
                    member.put("email", participant.email());
                }
            }
        }
        return object;
    }

    private static String groupId() {
        return "19:" + UUID.randomUUID().toString().replace("-", "") + "@thread.v2";
    }
}
