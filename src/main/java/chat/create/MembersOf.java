package chat.create;

import chat.errors.UsageException;
import chat.graph.Groups;
import chat.graph.Identity;
import chat.request.Member;
import chat.request.Role;
import chat.request.UserKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The people of a chat asked for as groups (--members-of) and one by one: everyone once, by object
 * id, a guest as a guest; someone also listed one by one keeps the role given there.
 *
 * @param members    the people listed one by one, then the groups' others
 * @param notPeople  members of the groups that are no person (devices, contacts, service principals)
 */
public record MembersOf(List<Member> members, int notPeople) {

    /**
     * @param listed     the people given one by one
     * @param identities who they are, in their order (a person named by UPN is matched by object id)
     */
    static MembersOf merge(List<Member> listed, List<Identity> identities, List<Groups.People> groups) {
        Map<String, Member> present = new HashMap<>(); // by every name each is known by, lower case
        for (int i = 0; i < listed.size(); i++) {
            present.put(listed.get(i).user().identity().toLowerCase(Locale.ROOT), listed.get(i));
            if (identities.get(i).objectId() != null) {
                present.put(identities.get(i).objectId().toLowerCase(Locale.ROOT), listed.get(i));
            }
        }
        List<Member> members = new ArrayList<>(listed);
        int notPeople = 0;
        for (Groups.People group : groups) {
            notPeople += group.notPeople();
            for (Groups.Person person : group.users()) {
                String id = person.id().toLowerCase(Locale.ROOT);
                Member known = present.get(id);
                if (known == null && person.userPrincipalName() != null) {
                    known = present.get(person.userPrincipalName().toLowerCase(Locale.ROOT));
                }
                if (known != null) {
                    refuseGuestAsOwner(known, person);
                    continue; // listed one by one, or in an earlier group
                }
                UserKey user = UserKey.parse(person.id());
                Member member = person.guest() ? Member.guest(user) : Member.owner(user);
                members.add(member);
                present.put(id, member);
            }
        }
        return new MembersOf(members, notPeople);
    }

    /** What a person should know of the members left out, if any were: said once, on stderr. */
    public java.util.Optional<String> leftOut(int groups) {
        return notPeople == 0 ? java.util.Optional.empty() : java.util.Optional.of(notPeople
                + (notPeople == 1 ? " member" : " members") + " of " + (groups == 1 ? "the group" : "the groups")
                + " left out: no person (a device, a contact or an application)");
    }

    /** Graph lets a guest in only with the guest role: one given with -m, whom a group says is a guest, would fail the create. */
    private static void refuseGuestAsOwner(Member given, Groups.Person person) {
        if (person.guest() && given.role() == Role.OWNER && given.tenantId() == null) {
            throw new UsageException("'" + given.user() + "' is a guest (userType Guest, in a group given with "
                    + "--members-of), whom Graph lets into a chat only with the guest role: give them with -g, not -m");
        }
    }
}
