package chat.auth;

import java.util.Map;

/** Picks the token source from what is configured. */
public final class Credentials {
    private Credentials() {
    }

    public static TokenSource from(Map<String, String> env) {
        String token = env.get(EnvironmentToken.VARIABLE);
        if (token != null && !token.isBlank()) {
            return new EnvironmentToken(token);
        }
        throw new AuthenticationException("no credential: set " + EnvironmentToken.VARIABLE
                + " to a Microsoft Graph access token with the Chat.Create permission");
    }
}
