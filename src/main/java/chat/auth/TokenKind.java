package chat.auth;

import java.util.Locale;

/**
 * Whom a token acts for, as far as chat can tell: a person (delegated permissions, and Graph wants
 * them among a chat's members), an application (its own permissions, acting for nobody), or nobody
 * chat can name, for a token whose claims it cannot read.
 */
public enum TokenKind {
    DELEGATED, APPLICATION, UNKNOWN;

    /** As `chat status -o json` writes it: "delegated", "application", "unknown". */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
