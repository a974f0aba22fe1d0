package chat.auth;

/** CHAT_ACCESS_TOKEN: a token obtained elsewhere (az account get-access-token, a pipeline step). */
public final class EnvironmentToken implements TokenSource {
    public static final String VARIABLE = "CHAT_ACCESS_TOKEN";

    private final AccessToken token;

    EnvironmentToken(String value) {
        String token = value.strip();
        // "Bearer eyJ…" pasted from a header is forgiven.
        if (token.regionMatches(true, 0, "Bearer ", 0, 7)) {
            token = token.substring(7).strip();
        }
        this.token = new AccessToken(token);
    }

    @Override
    public AccessToken token() {
        return token;
    }

    @Override
    public String whenRejected() {
        return "the token in " + VARIABLE + " was rejected: it may have expired or be for another cloud or "
                + "resource; get a new Microsoft Graph token with the Chat.Create permission";
    }
}
