package chat.create;

import java.util.Locale;

/** --if-exists: what a group create does when a group chat of the same people (and topic) exists. */
public enum IfExists {
    /** Print the existing chat's id instead of making another. */
    REUSE,
    /** Make a new chat all the same: Graph's own behaviour. */
    CREATE,
    /** Exit with its own code, the existing chat's id on stderr. */
    FAIL;

    public static IfExists parse(String value) {
        try {
            return valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + value + "' is not reuse, create or fail");
        }
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
