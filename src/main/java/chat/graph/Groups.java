package chat.graph;

import chat.errors.UsageException;
import chat.request.Guid;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Groups of the directory (Microsoft 365 groups, security groups, distribution lists) and the people
 * in them. Reading them takes GroupMember.Read.All, which an administrator grants.
 */
public final class Groups {
    static final String USER_TYPE = "#microsoft.graph.user";
    static final String GROUP_TYPE = "#microsoft.graph.group";

    public record Group(String id, String mail) {
        /** How a person tells this group from another of the same name. */
        public String shown() {
            return mail != null ? mail : id;
        }
    }

    /** A user in a group, a guest when Graph types them so. */
    public record Person(String id, String userPrincipalName, boolean guest) {
    }

    /** The users of a group, nested groups' included, each once; and how many members were no person. */
    public record People(List<Person> users, int notPeople) {
    }

    private final GraphClient graph;

    public Groups(GraphClient graph) {
        this.graph = graph;
    }

    /** The group a person named: by its object id, its mail, or a display name only one group has. */
    public Group find(String named, String accessToken) throws InterruptedException {
        if (Guid.isGuid(named)) {
            try {
                return group(graph.object("/groups/" + named + "?$select=id,mail", accessToken,
                        "reading a group"));
            } catch (GraphRefusedException e) {
                throw e.error().status() == 404 ? new UsageException("no group has the id " + named)
                        : explained(e, accessToken);
            }
        }
        String property = named.contains("@") ? "mail" : "displayName";
        List<Group> found = new ArrayList<>();
        try {
            graph.listing("/groups?$filter=" + GraphClient.equalsFilter(property, named) + "&$select=id,mail",
                    accessToken, "finding a group").forEach(group -> found.add(group(group)));
        } catch (GraphRefusedException e) {
            throw explained(e, accessToken);
        }
        if (found.isEmpty()) {
            throw new UsageException("no group has the " + (property.equals("mail") ? "mail " : "name ") + "'" + named
                    + "': give its mail, its object id or its exact name");
        }
        if (found.size() > 1) {
            throw new UsageException(found.size() + " groups are named '" + named + "': give one of them by its mail "
                    + "or id: " + String.join(", ", found.stream().map(Group::shown).toList()));
        }
        return found.get(0);
    }

    /** Its users, those of the groups within it included ({@code transitiveMembers}), each once. */
    public People people(Group group, String accessToken) throws InterruptedException {
        List<JsonNode> members;
        try {
            members = graph.listing("/groups/" + group.id() + "/transitiveMembers?$select=id,userPrincipalName,"
                    + "mail,userType", accessToken, "reading a group's members");
        } catch (GraphRefusedException e) {
            throw explained(e, accessToken);
        }
        List<Person> users = new ArrayList<>();
        int notPeople = 0;
        for (JsonNode member : members) {
            String type = member.path("@odata.type").asText("");
            if (type.equals(USER_TYPE) && member.path("id").isTextual()) {
                users.add(new Person(member.get("id").asText(), member.path("userPrincipalName").asText(null),
                        "Guest".equalsIgnoreCase(member.path("userType").asText(""))));
            } else if (!type.equals(GROUP_TYPE)) {
                notPeople++; // a device, an organisational contact, a service principal
            }
        }
        return new People(users, notPeople);
    }

    private static Group group(JsonNode group) {
        return new Group(group.path("id").asText(), group.path("mail").isTextual() ? group.get("mail").asText() : null);
    }

    private GraphRefusedException explained(GraphRefusedException refused, String accessToken) {
        if (refused.error().status() != 403) {
            return refused;
        }
        return new GraphRefusedException(refused.error().explained("reading groups and their members takes the "
                + "GroupMember.Read.All permission, which an administrator grants" + graph.adminConsent(accessToken,
                "GroupMember.Read.All").map(url -> " to this app at " + url).orElse(" (see docs/whole-teams.md)")));
    }

}
