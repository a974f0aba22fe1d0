package chat.create;

import chat.errors.ErrorReport;
import chat.errors.ExitCodes;
import chat.errors.Failure;
import chat.errors.KnownFailure;
import chat.graph.GraphRefusedException;
import chat.request.Member;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The chat is there, and some of the people its create could not take were not added: who, and why. */
public final class NotAllAddedException extends RuntimeException implements KnownFailure {
    private static final long serialVersionUID = 1L;

    /** Someone not in the chat, and what Graph answered (or did not) when they were added. */
    public record NotAdded(Member member, RuntimeException why) {
    }

    private final String chatId;
    private final transient List<NotAdded> notAdded;

    public NotAllAddedException(String chatId, List<NotAdded> notAdded) {
        super("the chat " + chatId + " is there, but " + notAdded.size() + (notAdded.size() == 1 ? " person is" : " people are")
                + " not in it");
        this.chatId = chatId;
        this.notAdded = List.copyOf(notAdded);
    }

    /** Who is not in, as named (by object id when from a group): {@code -o json}'s "notAdded". */
    public List<String> names() {
        return notAdded.stream().map(one -> one.member().user().value()).toList();
    }

    /** The worst of the failures' exit codes; the message names everyone not in, after why. */
    @Override
    public ErrorReport report() {
        int exit = ExitCodes.OK;
        Map<String, List<String>> byWhy = new LinkedHashMap<>();
        for (NotAdded one : notAdded) {
            ErrorReport why = Failure.describe(one.why());
            exit = ExitCodes.worst(exit, why.exitCode());
            String reason = one.why() instanceof GraphRefusedException refused
                    ? "Graph refused: " + refused.error().summary() : why.message(); // alike, whatever the request-id
            byWhy.computeIfAbsent(reason, any -> new ArrayList<>()).add(one.member().user().value());
        }
        StringBuilder said = new StringBuilder(getMessage());
        byWhy.forEach((why, who) -> said.append("; ").append(why).append(": ").append(String.join(", ", who)));
        return ErrorReport.of(exit, said.toString()).withChat(chatId, null);
    }
}
