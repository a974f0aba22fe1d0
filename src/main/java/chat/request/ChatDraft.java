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
 */
public record ChatDraft(ChatType type, String topic, List<Member> members, String appId, boolean addsSignedInUser)
        implements ChatToCreate {

    public ChatDraft {
        members = List.copyOf(members);
        ChatRules.checkTopic(type, topic);
        appId = ChatRules.appId(appId);
        // With the signed-in user still to add, a listed count one short is enough; one-on-one, the
        // two listed may be the signed-in user and one other, which only the token can tell.
        ChatRules.checkPeople(type, members, addsSignedInUser ? 1 : 2);
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
