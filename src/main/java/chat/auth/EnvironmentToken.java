package chat.auth;

/**
 * CHAT_ACCESS_TOKEN: a token obtained elsewhere (a pipeline step, another tool's sign-in). A
 * delegated one names its user, who is added to the chat like a signed-in user.
 */
public final class EnvironmentToken implements TokenSource {
    public static final String VARIABLE = "CHAT_ACCESS_TOKEN";

    private final AccessToken token;

    EnvironmentToken(String value) {
        String text = stripBearer(value);
        if (!text.chars().allMatch(c -> c > ' ' && c < 0x7f)) {
            // never echoed: a header built from it would fail and show it, line breaks and all
            throw new AuthenticationException(VARIABLE + " holds spaces, line breaks or other characters no token has: "
                    + "set it to the token alone");
        }
        java.util.Optional<JwtClaims> claims = JwtClaims.read(text);
        this.token = new AccessToken(text, claims.flatMap(JwtClaims::expiresOn).orElse(null),
                claims.flatMap(JwtClaims::user).orElse(null));
    }

    /** "Bearer eyJ…" pasted from a header is forgiven. */
    static String stripBearer(String value) {
        String text = value.strip();
        return text.regionMatches(true, 0, "Bearer ", 0, 7) ? text.substring(7).strip() : text;
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
