package chat.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The tenant's groups as Graph keeps them: Microsoft 365 groups, security groups and distribution
 * lists, found by id, by mail, or by display name (which several may share). A group holds users,
 * other groups, and what is no person at all: devices, organisational contacts, service principals.
 * Its transitive members are all of these, the nested groups' included, each once, in no set order.
 */
public final class FakeGroups {
    /** What a group may hold, as Graph types it. */
    public enum Kind {
        USER("#microsoft.graph.user"), GROUP("#microsoft.graph.group"), DEVICE("#microsoft.graph.device"),
        CONTACT("#microsoft.graph.orgContact"), SERVICE_PRINCIPAL("#microsoft.graph.servicePrincipal");

        final String odataType;

        Kind(String odataType) {
            this.odataType = odataType;
        }
    }

    /** @param key a user's UPN or object id, a nested group's id, or the name of anything else */
    public record Entry(Kind kind, String key) {
    }

    public record Group(String id, String displayName, String mail, List<Entry> members) {
    }

    private final FakeDirectory directory;
    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, Group> byId = new LinkedHashMap<>();

    FakeGroups(FakeDirectory directory) {
        this.directory = directory;
    }

    public static Entry user(String key) {
        return new Entry(Kind.USER, key);
    }

    public static Entry group(Group nested) {
        return new Entry(Kind.GROUP, nested.id());
    }

    public static Entry device(String name) {
        return new Entry(Kind.DEVICE, name);
    }

    public static Entry contact(String name) {
        return new Entry(Kind.CONTACT, name);
    }

    public static Entry servicePrincipal(String name) {
        return new Entry(Kind.SERVICE_PRINCIPAL, name);
    }

    /** @param mail null for a security group, which has none */
    public synchronized Group add(String displayName, String mail, Entry... members) {
        Group group = new Group(UUID.randomUUID().toString(), displayName, mail, List.of(members));
        byId.put(group.id(), group);
        return group;
    }

    synchronized Optional<Group> find(String id) {
        return Optional.ofNullable(byId.get(id.toLowerCase(Locale.ROOT)));
    }

    synchronized List<Group> withMail(String mail) {
        return byId.values().stream().filter(group -> mail.equalsIgnoreCase(group.mail())).toList();
    }

    /** Display names compare as Graph's {@code eq} does, letter case aside. */
    synchronized List<Group> named(String name) {
        return byId.values().stream().filter(group -> name.equalsIgnoreCase(group.displayName())).toList();
    }

    ObjectNode toJson(Group group) {
        ObjectNode object = json.createObjectNode();
        object.put("id", group.id());
        object.put("displayName", group.displayName());
        if (group.mail() == null) {
            object.putNull("mail");
        } else {
            object.put("mail", group.mail());
        }
        return object;
    }

    /** Everything in the group and the groups within it, each once, as {@code transitiveMembers} lists it. */
    synchronized List<ObjectNode> transitiveMembers(Group group) {
        List<ObjectNode> members = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        List<Group> toVisit = new ArrayList<>(List.of(group));
        seen.add(group.id());
        while (!toVisit.isEmpty()) {
            for (Entry entry : toVisit.remove(0).members()) {
                ObjectNode member = member(entry);
                if (seen.add(entry.kind() + member.path("id").asText())) {
                    members.add(member);
                    if (entry.kind() == Kind.GROUP) {
                        toVisit.add(byId.get(entry.key()));
                    }
                }
            }
        }
        return members;
    }

    private ObjectNode member(Entry entry) {
        ObjectNode member = json.createObjectNode();
        member.put("@odata.type", entry.kind().odataType);
        switch (entry.kind()) {
            case USER -> {
                FakeDirectory.User user = directory.find(entry.key()).orElseThrow();
                member.put("id", user.id());
                member.put("userPrincipalName", user.upn());
                member.put("mail", user.mail());
                member.put("displayName", user.upn() == null ? null : user.upn().substring(0, user.upn().indexOf('@')));
                member.put("userType", user.upn() != null && user.upn().toUpperCase(Locale.ROOT).contains("#EXT#@")
                        ? "Guest" : "Member");
            }
            case GROUP -> {
                member.put("id", entry.key());
                member.put("displayName", byId.get(entry.key()).displayName());
            }
            default -> {
                member.put("id", UUID.nameUUIDFromBytes((entry.kind() + entry.key()).getBytes()).toString());
                member.put("displayName", entry.key());
            }
        }
        return member;
    }
}
