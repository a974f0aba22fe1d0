package chat.create;

import chat.create.NotAllAddedException.NotAdded;
import chat.graph.Directory;
import chat.graph.ExistingChat;
import chat.graph.ExistingGroupChats;
import chat.graph.GraphClient;
import chat.graph.GraphRefusedException;
import chat.graph.GraphUnavailableException;
import chat.graph.Identity;
import chat.request.Member;
import chat.request.UserKey;
import java.util.ArrayList;
import java.util.List;

/**
 * People added to a chat that is there, one request each. The chat's roster says who is still to
 * come: an add whose answer was lost is looked for there, never counted as failed nor sent blind; and
 * a run again adds only who is missing.
 */
final class MemberAdds {
    private final GraphClient graph;
    private final Directory directory;
    private final ExistingGroupChats chats;

    /** @param chats the rosters this run fetched already: a chat --if-exists found is not fetched again */
    MemberAdds(GraphClient graph, Directory directory, ExistingGroupChats chats) {
        this.graph = graph;
        this.directory = directory;
        this.chats = chats;
    }

    /** Adds whoever of {@code people} is not in the chat; returns who is still not in, and why. */
    List<NotAdded> add(String chatId, List<Member> people, String accessToken) throws InterruptedException {
        List<Identity> identities = directory.identities(people, accessToken);
        List<ExistingChat.Participant> roster = chats.roster(chatId, accessToken);
        chats.changed(chatId); // a run again (a token renewed) reads who is in afresh
        List<NotAdded> notAdded = new ArrayList<>();
        RuntimeException everyAdd = null; // a refusal or a silence that would answer every add alike
        for (int i = 0; i < people.size(); i++) {
            Identity person = identities.get(i);
            if (in(roster, person)) {
                continue;
            }
            if (everyAdd != null) {
                notAdded.add(new NotAdded(people.get(i), everyAdd));
                continue;
            }
            try {
                addOne(chatId, byObjectId(people.get(i), person), person, accessToken);
            } catch (GraphRefusedException refused) {
                if (refused.error().status() == 401) {
                    throw refused; // the token renewed by the caller, and the adds made again from a roster read afresh
                }
                notAdded.add(new NotAdded(people.get(i), refused));
                everyAdd = refused.error().status() == 403 ? refused : null;
            } catch (GraphUnavailableException unavailable) {
                notAdded.add(new NotAdded(people.get(i), unavailable));
                everyAdd = unavailable;
            }
        }
        return notAdded;
    }

    private static boolean in(List<ExistingChat.Participant> roster, Identity person) {
        return roster.stream().anyMatch(person::is);
    }

    /** The person as the directory knows them: a UPN that was a mail, by the object id it came to. */
    private static Member byObjectId(Member member, Identity person) {
        return person.objectId() == null ? member
                : new Member(UserKey.parse(person.objectId()), member.role(), member.tenantId());
    }

    /** One add; an answer lost is looked for in the roster, and sent once more only if the person is not there. */
    private void addOne(String chatId, Member member, Identity person, String accessToken) throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                graph.addMember(chatId, member, accessToken);
                return;
            } catch (GraphRefusedException refused) {
                int status = refused.error().status();
                if ((status == 400 || status == 409) && in(graph.roster(chatId, accessToken), person)) {
                    return; // Graph's answer to someone already in: added by an attempt whose answer was lost
                }
                throw refused;
            } catch (GraphUnavailableException unknown) {
                if (!unknown.mayHaveCreated()) {
                    throw unknown;
                }
                if (in(graph.roster(chatId, accessToken), person)) {
                    return; // Graph made it before the answer was lost
                }
                if (attempt == 2) {
                    throw GraphUnavailableException.nothingCreated("Graph did not answer adding them, twice, and the "
                            + "chat's roster does not show them", unknown.lastError(), unknown.clientRequestId());
                }
            }
        }
    }
}
