package chat.create;

import chat.graph.Groups;
import chat.graph.Identity;
import chat.request.Member;
import chat.request.UserKey;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

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
        Set<String> present = new HashSet<>();
        for (int i = 0; i < listed.size(); i++) {
            present.add(listed.get(i).user().identity().toLowerCase(Locale.ROOT));
            if (identities.get(i).objectId() != null) {
                present.add(identities.get(i).objectId().toLowerCase(Locale.ROOT));
            }
        }
        List<Member> members = new ArrayList<>(listed);
        int notPeople = 0;
        for (Groups.People group : groups) {
            notPeople += group.notPeople();
            for (Groups.Person person : group.users()) {
                String id = person.id().toLowerCase(Locale.ROOT);
                String upn = person.userPrincipalName() == null ? null : person.userPrincipalName().toLowerCase(Locale.ROOT);
                if (present.contains(id) || present.contains(upn)) {
                    continue; // listed one by one, or in an earlier group
                }
                present.add(id);
                present.add(upn);
                UserKey user = UserKey.parse(person.id());
                members.add(person.guest() ? Member.guest(user) : Member.owner(user));
            }
        }
        return new MembersOf(members, notPeople);
    }
}
