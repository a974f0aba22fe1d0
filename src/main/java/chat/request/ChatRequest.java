package chat.request;

import java.util.List;

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

    /** The same chat with one person named another way (their object id for a UPN that is their mail). */
    public ChatRequest with(Member replaced, Member by) {
        List<Member> everyone = members.stream().map(member -> member.equals(replaced) ? by : member).toList();
        return new ChatRequest(type, topic, everyone, appId);
    }
}
