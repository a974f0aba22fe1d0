package chat.auth;

/** A bearer token for Graph. Its text is never printed, logged or written anywhere by this tool. */
public record AccessToken(String value) {

    @Override
    public String toString() {
        return "AccessToken[redacted]";
    }
}
