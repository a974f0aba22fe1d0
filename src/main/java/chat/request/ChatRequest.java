package chat.request;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A chat to create, checked against Graph's rules so that what is sent can only fail for reasons
 * Graph alone knows (an unknown user, a missing permission).
 *
 * @param topic null for none
 * @param appId the catalog id of a Teams app to install, or null
 */
public record ChatRequest(ChatType type, String topic, List<Member> members, String appId) {
    public static final int MAX_PEOPLE = 250;

    public ChatRequest {
        members = List.copyOf(members);
        if (topic != null) {
            if (type == ChatType.ONE_ON_ONE) {
                throw new InvalidRequestException("a one-on-one chat has no topic: use --group for a chat with a topic");
            }
            if (topic.isBlank()) {
                throw new InvalidRequestException("the topic is blank: give a topic with text, or leave it out");
            }
        }
        if (appId != null) {
            appId = Guid.parse(appId, "Teams app id");
        }
        rejectRepeatedPeople(members);
        int people = members.size();
        if (type == ChatType.ONE_ON_ONE && people != 2) {
            throw new InvalidRequestException("a one-on-one chat is between exactly two people, and "
                    + countListed(people) + (people > 2 ? ": use --group for more" : ""));
        }
        if (type == ChatType.GROUP && people < 2) {
            throw new InvalidRequestException("a group chat needs at least two people, and " + countListed(people));
        }
        if (people > MAX_PEOPLE) {
            throw new InvalidRequestException("a chat holds at most " + MAX_PEOPLE + " people, and " + countListed(people));
        }
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
