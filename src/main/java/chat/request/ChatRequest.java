package chat.request;

import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;

/**
 * A chat to create, complete: its members are everyone in it, the signed-in user included where
 * Graph needs them, and each is checked against Graph's rules, so that what is sent can only fail for
 * reasons Graph alone knows (an unknown user, a missing permission). Made from a {@link ChatDraft}.
 *
 * @param topic null for none
 * @param appId the catalog id of a Teams app to install, or null
 */
public record ChatRequest(ChatType type, String topic, List<Member> members, String appId) implements ChatToCreate {
    public ChatRequest {
        members = List.copyOf(members);
        ChatRules.checkTopic(type, topic);
        appId = ChatRules.appId(appId);
        ChatRules.checkPeople(type, members, 2);
    }

    /**
     * The chat Graph is asked to make: everyone, or for a chat past {@code most} people (Graph takes
     * 200 in one request) the first {@code most}: the signed-in user, then owners, then guests.
     */
    public ChatRequest inCreate(int most, Predicate<Member> signedIn) {
        return members.size() <= most ? this : new ChatRequest(type, topic, inOrder(signedIn).subList(0, most), appId);
    }

    /** Those left out of {@link #inCreate}, to be added once the chat is there. */
    public List<Member> afterCreate(int most, Predicate<Member> signedIn) {
        return members.size() <= most ? List.of() : inOrder(signedIn).subList(most, members.size());
    }

    /** Graph needs the signed-in user in the create, and a chat's first members to include an owner. */
    private List<Member> inOrder(Predicate<Member> signedIn) {
        return members.stream().sorted(Comparator.comparingInt(member -> signedIn.test(member) ? 0
                : member.role() == Role.OWNER ? 1 : 2)).toList();
    }

    /** The same chat with one person named another way (their object id for a UPN that is their mail). */
    public ChatRequest with(Member replaced, Member by) {
        List<Member> everyone = members.stream().map(member -> member.equals(replaced) ? by : member).toList();
        return new ChatRequest(type, topic, everyone, appId);
    }
}
