package chat.cli;

import chat.auth.AccessToken;
import chat.auth.AuthenticationException;
import chat.auth.TokenSource;
import chat.graph.CreatedChat;
import chat.graph.GraphClient;
import chat.graph.GraphRefusedException;
import chat.request.ChatRequest;
import chat.request.UserKey;

/**
 * Creating a chat as the signed-in caller: get a token, add the signed-in user when Graph needs
 * them among the members, send; a token Graph rejects is renewed once (401 means nothing was made).
 */
final class ChatCreator {
    private final GraphClient graph;
    private final TokenSource tokens;

    ChatCreator(GraphClient graph, TokenSource tokens) {
        this.graph = graph;
        this.tokens = tokens;
    }

    CreatedChat create(ChatRequest request) throws InterruptedException {
        AccessToken token = tokens.token();
        ChatRequest complete = complete(request, token);
        try {
            return graph.createChat(complete, token.value());
        } catch (GraphRefusedException rejected) {
            if (rejected.error().status() != 401) {
                throw rejected;
            }
            GraphRefusedException last = rejected;
            if (tokens.canRefresh()) {
                try {
                    return graph.createChat(complete, tokens.refreshedToken().value());
                } catch (GraphRefusedException again) {
                    if (again.error().status() != 401) {
                        throw again;
                    }
                    last = again;
                }
            }
            throw new AuthenticationException(tokens.whenRejected() + " (" + last.error().summary() + ")", last);
        }
    }

    /** With a delegated token the signed-in user is known now; an application's token adds nobody. */
    static ChatRequest complete(ChatRequest request, AccessToken token) {
        if (!request.signedInUserToAdd()) {
            return request;
        }
        if (token.user() == null) {
            return new ChatRequest(request.type(), request.topic(), request.members(), request.appId());
        }
        return request.withSignedInUser(UserKey.parse(token.user().objectId()), token.user().username());
    }
}
