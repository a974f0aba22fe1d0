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
 * (creating it again returns it), a group chat is new every time. Members are the directory's users
 * (a bind to a user it does not have is Graph's 404), listed by object id, mail and tenant; a listing
 * shows at most {@value #LISTED_MEMBERS} of a chat's members, as Graph's does.
 */
public final class FakeChats {
    private static final Pattern BIND = Pattern.compile("/v1\\.0/users(?:\\('(.*)'\\)|/(.*))$");

    /** A member as Graph lists it: the object id, the user's mail (not always the UPN), their home tenant. */
    public record Participant(String userId, String email, String tenantId) {
        boolean is(String key) {
            return key.equalsIgnoreCase(userId) || key.equalsIgnoreCase(email);
        }
    }

    /** Graph's 404 for a bind to a user that does not exist. */
    static final class NoSuchUser extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NoSuchUser(String upn) {
            super("Failed to find users with user principal name '" + upn + "'");
        }
    }

    /** Graph's 400 for a create that names more people than one request may add. */
    static final class TooManyMembers extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TooManyMembers(int count) {
            super("A chat can be created with at most " + MAX_IN_ONE_REQUEST + " members; the request has " + count
                    + ". Add the others to the chat afterwards.");
        }
    }

    /** Graph's limit on members in a listing of chats with {@code $expand=members}: a documented known issue. */
    public static final int LISTED_MEMBERS = 25;
    /** At most this many people are added in one request, the create included. */
    public static final int MAX_IN_ONE_REQUEST = 200;
    /** A chat holds at most this many people. */
    public static final int MAX_PEOPLE = 250;

    /** What became of an add ({@code POST /chats/{id}/members}). */
    enum Added { ADDED, ALREADY_IN, NO_SUCH_CHAT, FULL, BLOCKED, GUEST_AS_OWNER, CALLER_NOT_IN }

    /** @param viaGraph made by a create through Graph (not seeded), which the roster-add known issue concerns */
    public record Chat(String id, String type, String topic, List<Participant> members, Instant lastUpdated,
                       boolean viaGraph) {
        /** The people and topic, whatever their order: two group chats with equal keys are duplicates. */
        public String key() {
            List<String> people = new ArrayList<>(members.stream().map(Participant::userId).toList());
            people.sort(null);
            return type + "|" + topic + "|" + people;
        }
    }

    /** A message posted into a chat, as Graph keeps it. */
    public record Message(String id, String chatId, String from, String contentType, String content, Instant created) {
    }

    private final ObjectMapper json = new ObjectMapper();
    private final List<Chat> chats = new ArrayList<>();
    private final List<Message> messages = new ArrayList<>();
    private final FakeDirectory directory = new FakeDirectory();
    private final FakeGroups groups = new FakeGroups(directory);
    private volatile java.time.Clock clock = java.time.Clock.systemUTC();

    /** Graph's clock, which dates the chats it makes: the machine's, unless a test keeps its own. */
    public void clock(java.time.Clock graphClock) {
        this.clock = graphClock;
    }

    /** The tenant's users, whom binds name and listings show. */
    public FakeDirectory directory() {
        return directory;
    }

    /** The tenant's groups, whose people a chat may be made of. */
    public FakeGroups groups() {
        return groups;
    }

    /** A person as Graph knows them from a bind key (an object id or a UPN, as in a bind). */
    Participant person(String key) {
        String decoded = decoded(key);
        FakeDirectory.User user = directory.find(decoded).orElseThrow(() -> new NoSuchUser(decoded));
        return new Participant(user.id(), user.mail(), FakeDirectory.TENANT);
    }

    /** A bind's key as the user's name: percent-decoded, an OData literal's doubled apostrophes single. */
    private static String decoded(String key) {
        return java.net.URLDecoder.decode(key.replace("+", "%2B"), StandardCharsets.UTF_8).replace("''", "'");
    }

    /** @param keys object ids or UPNs; {@code OBJECT_ID=TENANT_ID} for a user of another tenant */
    public synchronized Chat seedGroup(String topic, Instant lastUpdated, String... keys) {
        List<Participant> members = new ArrayList<>();
        for (String key : keys) {
            int tenant = key.indexOf('=');
            members.add(tenant > 0 ? new Participant(key.substring(0, tenant), null, key.substring(tenant + 1))
                    : person(key));
        }
        Chat chat = new Chat(groupId(), "group", topic, List.copyOf(members), lastUpdated, false);
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
                String key = bind.group(1) != null ? bind.group(1) : bind.group(2);
                members.add(member.hasNonNull("tenantId")
                        ? new Participant(key.toLowerCase(Locale.ROOT), null, member.get("tenantId").asText())
                        : person(key));
            }
        }
        if (members.size() > MAX_IN_ONE_REQUEST) {
            throw new TooManyMembers(members.size());
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
                List.copyOf(members), clock.instant(), true);
        chats.add(chat);
        return chat;
    }

    /**
     * {@code POST /chats/{id}/members}, as Graph takes it: the person named in the bind, in the role
     * given; one already in is an error answer; a group chat made through Graph with only two people
     * refuses adds (a reported known issue); an in-tenant guest comes in as a guest or not at all.
     *
     * @param caller the object id of a person's token, who must be in the chat; null for an application
     */
    synchronized Added addMember(String chatId, JsonNode request, String caller) {
        int index = indexOf(chatId);
        if (index < 0) {
            return Added.NO_SUCH_CHAT;
        }
        Chat chat = chats.get(index);
        Matcher bind = BIND.matcher(request.path("user@odata.bind").asText());
        String key = bind.find() ? (bind.group(1) != null ? bind.group(1) : bind.group(2)) : "";
        Participant person = person(key);
        boolean guest = request.path("roles").toString().contains("\"guest\"");
        if (caller != null && chat.members().stream().noneMatch(member -> member.userId().equalsIgnoreCase(caller))) {
            return Added.CALLER_NOT_IN;
        }
        if (decoded(key).toUpperCase(Locale.ROOT).contains("#EXT#@") && !guest) {
            return Added.GUEST_AS_OWNER;
        }
        if (chat.members().stream().anyMatch(member -> member.userId().equalsIgnoreCase(person.userId()))) {
            return Added.ALREADY_IN;
        }
        if (chat.viaGraph() && chat.type().equals("group") && chat.members().size() == 2) {
            return Added.BLOCKED;
        }
        if (chat.members().size() >= MAX_PEOPLE) {
            return Added.FULL;
        }
        List<Participant> members = new ArrayList<>(chat.members());
        members.add(person);
        chats.set(index, new Chat(chat.id(), chat.type(), chat.topic(), List.copyOf(members), chat.lastUpdated(),
                chat.viaGraph())); // the time it was made, which listings show, stands
        return Added.ADDED;
    }

    private int indexOf(String chatId) {
        for (int i = 0; i < chats.size(); i++) {
            if (chats.get(i).id().equals(chatId)) {
                return i;
            }
        }
        return -1;
    }

    /** Posts into the chat; null when there is no such chat (Graph's 404). */
    synchronized Message post(String chatId, String from, JsonNode request) {
        if (chats.stream().noneMatch(chat -> chat.id().equals(chatId))) {
            return null;
        }
        Message message = new Message(String.valueOf(1_700_000_000_000L + messages.size()), chatId, from,
                request.path("body").path("contentType").asText("text"), request.path("body").path("content").asText(),
                clock.instant());
        messages.add(message);
        return message;
    }

    /** A message that was posted into the chat, at {@code created}, by the user of this object id. */
    public synchronized Message seedMessage(String chatId, String from, String contentType, String content,
                                            Instant created) {
        Message message = new Message(String.valueOf(1_700_000_000_000L + messages.size()), chatId, from, contentType,
                content, created);
        messages.add(message);
        return message;
    }

    /** {@code GET /chats/{id}/messages?$top=n}: the latest first; null for no such chat. */
    synchronized List<Message> latest(String chatId, int top) {
        if (chats.stream().noneMatch(chat -> chat.id().equals(chatId))) {
            return null;
        }
        List<Message> ofChat = new ArrayList<>(messages.stream().filter(m -> m.chatId().equals(chatId)).toList());
        java.util.Collections.reverse(ofChat);
        return ofChat.subList(0, Math.min(top, ofChat.size()));
    }

    /** Every message posted, in the order Graph took them. */
    public synchronized List<Message> messages() {
        return List.copyOf(messages);
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

    /** The chat as a listing shows it: with members expanded, at most {@link #LISTED_MEMBERS} of them. */
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
            object.set("members", members(chat.members().subList(0, Math.min(LISTED_MEMBERS, chat.members().size()))));
        }
        return object;
    }

    /** {@code GET /chats/{id}/members}: the whole roster; null for no such chat. */
    public synchronized ArrayNode roster(String chatId) {
        return chats.stream().filter(chat -> chat.id().equals(chatId)).findFirst().map(chat -> members(chat.members()))
                .orElse(null);
    }

    private ArrayNode members(List<Participant> participants) {
        ArrayNode members = json.createArrayNode();
        for (Participant participant : participants) {
            ObjectNode member = members.addObject();
            member.put("@odata.type", "#microsoft.graph.aadUserConversationMember");
            member.putArray("roles").add("owner");
            member.put("userId", participant.userId());
            if (participant.email() == null) {
                member.putNull("email");
            } else {
                member.put("email", participant.email());
            }
            member.put("tenantId", participant.tenantId());
        }
        return members;
    }

    private static String groupId() {
        return "19:" + UUID.randomUUID().toString().replace("-", "") + "@thread.v2";
    }
}
