package chat.request;

import chat.errors.UsageException;
import chat.text.ControlCharacters;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Graph's rules for a chat's topic, app and people, which drafts and requests both keep. */
final class ChatRules {
    static final int MAX_PEOPLE = 250;

    private ChatRules() {
    }

    /** Spaces of any kind (no-break ones too) and invisible format characters such as zero-width spaces. */
    private static boolean showsNothing(int c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || Character.getType(c) == Character.FORMAT;
    }

    static void checkTopic(ChatType type, String topic) {
        if (topic == null) {
            return;
        }
        if (type == ChatType.ONE_ON_ONE) {
            throw new UsageException("a one-on-one chat has no topic: use --group for a chat with a topic");
        }
        if (topic.codePoints().allMatch(ChatRules::showsNothing)) {
            throw new UsageException("the topic is blank: give a topic with text, or leave it out");
        }
        if (ControlCharacters.anyIn(topic)) {
            throw new UsageException("the topic holds a line break or another control character (a line or paragraph "
                    + "separator, a direction override): a topic is one line of text");
        }
    }

    /** A group as named (--members-of, "membersOf"): its object id, mail or name, on one line. */
    public static String group(String named) {
        if (named.codePoints().allMatch(ChatRules::showsNothing)) {
            throw new UsageException("a group is named by nothing: give its mail, object id or name");
        }
        if (ControlCharacters.anyIn(named)) {
            throw new UsageException("a group's name holds a line break or another control character: give its mail, "
                    + "object id or name, on one line");
        }
        return named.strip();
    }

    static String appId(String appId) {
        return appId == null ? null : Guid.parse(appId, "Teams app id");
    }

    /** @param least how many people must be listed: 2, or 1 when the signed-in user is still to come */
    static void checkPeople(ChatType type, List<Member> members, int least) {
        rejectRepeatedPeople(members);
        int people = members.size();
        if (type == ChatType.ONE_ON_ONE && (people < least || people > 2)) {
            throw new UsageException("a one-on-one chat is between exactly two people, and "
                    + countListed(people) + (people > 2 ? ": use --group for more" : ""));
        }
        if (type == ChatType.GROUP && people < least) {
            throw new UsageException("a group chat needs at least two people, and " + countListed(people));
        }
        if (people > MAX_PEOPLE) {
            throw new UsageException("a chat holds at most " + MAX_PEOPLE + " people, and " + countListed(people));
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
                throw new UsageException(same + ": list each person once, in one role");
            }
        }
    }

    private static String countListed(int people) {
        return people == 1 ? "1 is listed" : people + " are listed";
    }
}
