package chat.request;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A chat to create, checked against Graph's rules so that what is sent can only fail for reasons
 * Graph alone knows (an unknown user, a missing permission).
 *
 * @param topic            null for none
 * @param appId            the catalog id of a Teams app to install, or null
 * @param signedInUserToAdd the members are as listed, and the signed-in user, whom Graph requires
 *                         among them, is yet to be added when not listed (a delegated sign-in
 *                         before its token says who that is); see {@link #withSignedInUser}
 */
public record ChatRequest(ChatType type, String topic, List<Member> members, String appId, boolean signedInUserToAdd) {
    public static final int MAX_PEOPLE = 250;

    /** A complete request: the members are everyone in the chat. */
    public ChatRequest(ChatType type, String topic, List<Member> members, String appId) {
        this(type, topic, members, appId, false);
    }

    /** Spaces of any kind (no-break ones too) and invisible format characters such as zero-width spaces. */
    private static boolean showsNothing(int c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || Character.getType(c) == Character.FORMAT;
    }

    public ChatRequest {
        members = List.copyOf(members);
        if (topic != null) {
            if (type == ChatType.ONE_ON_ONE) {
                throw new InvalidRequestException("a one-on-one chat has no topic: use --group for a chat with a topic");
            }
            if (topic.codePoints().allMatch(ChatRequest::showsNothing)) {
                throw new InvalidRequestException("the topic is blank: give a topic with text, or leave it out");
            }
            if (topic.codePoints().anyMatch(Character::isISOControl)) {
                throw new InvalidRequestException("the topic holds a line break or another control character: a "
                        + "topic is one line of text");
            }
        }
        if (appId != null) {
            appId = Guid.parse(appId, "Teams app id");
        }
        rejectRepeatedPeople(members);
        int people = members.size();
        // With the signed-in user still to add, a listed count one short is enough; one-on-one, the
        // two listed may be the signed-in user and one other, which only the token can tell.
        int least = signedInUserToAdd ? 1 : 2;
        if (type == ChatType.ONE_ON_ONE && (people < least || people > 2)) {
            throw new InvalidRequestException("a one-on-one chat is between exactly two people, and "
                    + countListed(people) + (people > 2 ? ": use --group for more" : ""));
        }
        if (type == ChatType.GROUP && people < least) {
            throw new InvalidRequestException("a group chat needs at least two people, and " + countListed(people));
        }
        if (people > MAX_PEOPLE) {
            throw new InvalidRequestException("a chat holds at most " + MAX_PEOPLE + " people, and " + countListed(people));
        }
    }

    /**
     * The complete request once the signed-in user is known: unchanged when they are listed (by object
     * id or user principal name), else with them added first, as an owner.
     */
    public ChatRequest withSignedInUser(UserKey objectId, String username) {
        boolean listed = members.stream().anyMatch(member -> member.user().equals(objectId)
                || (username != null && member.user().identity().equalsIgnoreCase(username)));
        if (listed) {
            return new ChatRequest(type, topic, members, appId, false);
        }
        if (type == ChatType.ONE_ON_ONE && members.size() == 2) {
            throw new InvalidRequestException("a one-on-one chat of yours is between you ("
                    + (username != null ? username : objectId) + ") and one other person, and 2 others are listed");
        }
        if (members.size() >= MAX_PEOPLE) {
            throw new InvalidRequestException("a chat holds at most " + MAX_PEOPLE + " people: you ("
                    + (username != null ? username : objectId) + ") and the " + members.size() + " listed are "
                    + (members.size() + 1));
        }
        List<Member> everyone = new ArrayList<>(members.size() + 1);
        everyone.add(Member.owner(objectId));
        everyone.addAll(members);
        return new ChatRequest(type, topic, everyone, appId, false);
    }

    private static void rejectRepeatedPeople(List<Member> members) {
        Map<UserKey, UserKey> seen = new HashMap<>();
        for (Member member : members) {
            UserKey earlier = seen.putIfAbsent(member.user(), member.user());
            if (earlier != null) {
                String same = earlier.value().equals(member.user().value())
                        ? "'" + earlier + "' is listed twice"
                        : "'" + member.user() + "' and '" + earlier + "' are the same person";
                throw new InvalidRequestException(same + ": list each person once, in one role");
            }
        }
    }

    private static String countListed(int people) {
        return people == 1 ? "1 is listed" : people + " are listed";
    }
}
