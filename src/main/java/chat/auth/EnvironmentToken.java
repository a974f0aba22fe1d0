package chat.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * CHAT_ACCESS_TOKEN: a token obtained elsewhere (a pipeline step, another tool's sign-in). A
 * delegated one names its user, who is added to the chat like a signed-in user; one whose kind
 * cannot be read is sent as it is, and nobody is added for it.
 */
public final class EnvironmentToken implements TokenSource {
    public static final String VARIABLE = "CHAT_ACCESS_TOKEN";

    private final AccessToken token;
    /** Empty when the token is not a JSON Web Token. */
    private final Optional<JwtClaims> claims;

    EnvironmentToken(String value) {
        String text = stripBearer(value);
        if (text.equalsIgnoreCase("Bearer")) {
            throw new AuthenticationException(VARIABLE + " holds 'Bearer' and no token after it: set it to the token");
        }
        if (!text.chars().allMatch(c -> c > ' ' && c < 0x7f)) {
            // never echoed: a header built from it would fail and show it, line breaks and all
            throw new AuthenticationException(VARIABLE + " holds spaces, line breaks or other characters no token has: "
                    + "set it to the token alone");
        }
        this.claims = JwtClaims.read(text);
        this.token = new AccessToken(text, claims.flatMap(JwtClaims::expiresOn).orElse(null),
                claims.flatMap(JwtClaims::user).orElse(null));
    }

    /** "Bearer eyJ…" pasted from a header is forgiven. */
    private static String stripBearer(String value) {
        String text = value.strip();
        return text.regionMatches(true, 0, "Bearer ", 0, 7) ? text.substring(7).strip() : text;
    }

    @Override
    public AccessToken token() {
        return token;
    }

    public TokenKind kind() {
        return claims.map(JwtClaims::kind).orElse(TokenKind.UNKNOWN);
    }

    /** Why chat cannot tell whom the token acts for, said once by a run that sends it; empty when it can. */
    public Optional<String> unknownKind() {
        if (kind() != TokenKind.UNKNOWN) {
            return Optional.empty();
        }
        return Optional.of("the token in " + VARIABLE + (claims.isPresent() ? " has neither scopes (a person's) nor roles (an "
                + "application's)" : " is not a JSON Web Token, whose claims chat could read")
                + ", so whom it acts for is unknown: it is sent as it is, and nobody is added to the chat for it");
    }

    /** A token past its expiry would only be refused by Graph: refused here, before anything is sent. */
    public void refuseIfExpired(Instant now) {
        Instant expiresOn = token.expiresOn();
        if (expiresOn != null && !expiresOn.isAfter(now)) {
            throw new AuthenticationException("the token in " + VARIABLE + " expired at " + expiresOn + " ("
                    + ago(Duration.between(expiresOn, now)) + "): get a new one");
        }
    }

    private static String ago(Duration since) {
        long seconds = since.toSeconds();
        return seconds < 120 ? seconds + " s ago" : seconds < 7200 ? seconds / 60 + " min ago"
                : seconds < 172_800 ? seconds / 3600 + " h ago" : seconds / 86_400 + " days ago";
    }

    @Override
    public String whenRejected() {
        return "the token in " + VARIABLE + " was rejected: it may have expired or be for another cloud or "
                + "resource; get a new Microsoft Graph token with the Chat.Create permission";
    }
}
