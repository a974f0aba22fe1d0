package chat.request;

import chat.errors.UsageException;
import java.util.ArrayList;
import java.util.List;

/**
 * A chat as it was asked for (by the options, or a line of a --from input), checked against Graph's
 * rules. With a person's sign-in Graph needs the signed-in user among the members, and who that is
 * the token tells: {@link #complete} makes the request to send.
 *
 * @param addsSignedInUser a person's sign-in: the signed-in user joins the chat unless listed, so a
 *                         one-on-one draft may list only the other person
 * @param membersOf        groups whose people join too (a --from line's "membersOf"), read when the chat is
 *                         sent: until then the people listed may be fewer than a chat needs
 */
public record ChatDraft(ChatType type, String topic, List<Member> members, String appId, boolean addsSignedInUser,
                        List<String> membersOf) implements ChatToCreate {

    public ChatDraft {
        members = List.copyOf(members);
        membersOf = List.copyOf(membersOf);
        ChatRules.checkTopic(type, topic);
        appId = ChatRules.appId(appId);
        if (!membersOf.isEmpty() && type != ChatType.GROUP) {
            throw new UsageException("'membersOf' makes a group chat: give \"chatType\": \"group\"");
        }
        // With the signed-in user still to add, a listed count one short is enough; one-on-one, the
        // two listed may be the signed-in user and one other, which only the token can tell.
        ChatRules.checkPeople(type, members, !membersOf.isEmpty() ? 0 : addsSignedInUser ? 1 : 2);
    }

    public ChatDraft(ChatType type, String topic, List<Member> members, String appId, boolean addsSignedInUser) {
        this(type, topic, members, appId, addsSignedInUser, List.of());
    }

    /** Groups as named (--members-of), each checked: an object id, a mail or a name, on one line. */
    public static List<String> checkedGroups(List<String> named) {
        return named.stream().map(ChatRules::group).toList();
    }

    /** The groups as a journal keys them: in lower case, in one order, however the line wrote them. */
    public List<String> groupsInOneForm() {
        return membersOf.stream().map(group -> group.toLowerCase(java.util.Locale.ROOT)).sorted().toList();
    }

    /** The same chat of these people, its groups read into them. */
    public ChatDraft withPeople(List<Member> people) {
        return new ChatDraft(type, topic, people, appId, addsSignedInUser);
    }

    /** The people listed are the whole chat: an application's sign-in, or a token that names nobody. */
    public ChatRequest listed() {
        return new ChatRequest(type, topic, members, appId);
    }

    /**
     * The request once the signed-in user is known: as listed when they are (by object id or user
     * principal name), else with them added first, as an owner. Without {@link #addsSignedInUser}, as listed.
     */
    public ChatRequest complete(UserKey objectId, String username) {
        if (!addsSignedInUser) {
            return listed();
        }
        boolean listed = members.stream().anyMatch(member -> member.is(objectId, username));
        if (listed) {
            return listed();
        }
        Object you = username != null ? username : objectId;
        if (type == ChatType.ONE_ON_ONE && members.size() == 2) {
            throw new UsageException("a one-on-one chat of yours is between you (" + you + ") and one other person, "
                    + "and 2 others are listed");
        }
        if (members.size() >= ChatRules.MAX_PEOPLE) {
            throw new UsageException("a chat holds at most " + ChatRules.MAX_PEOPLE + " people: you (" + you
                    + ") and the " + members.size() + " listed are " + (members.size() + 1));
        }
        List<Member> everyone = new ArrayList<>(members.size() + 1);
        everyone.add(Member.owner(objectId));
        everyone.addAll(members);
        return new ChatRequest(type, topic, everyone, appId);
    }
}
