package chat.auth;

import chat.errors.UsageException;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * What chat does that takes a permission of its own, and the permissions any one of which grants it
 * (a person's delegated ones and an application's alike), as Graph's documentation lists them.
 */
public enum Feature {
    CREATE("create", "create", List.of("Chat.Create", "Chat.ReadWrite", "Chat.ReadWrite.All"), true),
    IF_EXISTS("ifExists", "--if-exists", List.of("Chat.ReadBasic", "Chat.Read", "Chat.ReadWrite",
            "Chat.ReadBasic.All", "Chat.Read.All", "Chat.ReadWrite.All"), true),
    /** Graph lets an application post only when importing history. */
    MESSAGE("message", "--message", List.of("ChatMessage.Send", "Chat.ReadWrite"), false),
    MEMBERS_OF("membersOf", "--members-of", List.of("GroupMember.Read.All", "Group.Read.All", "Directory.Read.All",
            "Group.ReadWrite.All", "Directory.ReadWrite.All"), true),
    /** Chats of more than 200 people: the others are added after the create. */
    ADD_MEMBERS("addMembers", "chats past 200", List.of("ChatMember.ReadWrite", "Chat.ReadWrite",
            "ChatMember.ReadWrite.All", "Chat.ReadWrite.All"), true);

    private final String key;
    private final String shown;
    private final List<String> permissions;
    private final boolean forApplications;

    Feature(String key, String shown, List<String> permissions, boolean forApplications) {
        this.key = key;
        this.shown = shown;
        this.permissions = permissions;
        this.forApplications = forApplications;
    }

    private static final Pattern PERMISSION = Pattern.compile("[A-Za-z]+(\\.[A-Za-z]+)+");

    /** Permissions named by a person (chat login --scope), checked: names such as GroupMember.Read.All. */
    public static Set<String> permissions(List<String> names) {
        for (String name : names) {
            if (!PERMISSION.matcher(name).matches()) {
                throw new UsageException("'" + name + "' is not a Graph permission: give its name, such as GroupMember.Read.All");
            }
        }
        return new TreeSet<>(names);
    }

    /** The least permission each of these features takes, for a person's sign-in to ask for beside its own. */
    public static Set<String> scopesFor(Set<Feature> features) {
        Set<String> scopes = new TreeSet<>();
        features.forEach(feature -> scopes.add(feature.permissions.get(0)));
        return scopes;
    }

    /**
     * Whether these permissions grant what asking for {@code asked} would: it, or another permission of
     * the feature it is the least of (Group.Read.All where GroupMember.Read.All is asked for).
     */
    public static boolean grants(Collection<String> granted, String asked) {
        return granted.contains(asked) || Arrays.stream(values())
                .anyMatch(feature -> feature.permissions.get(0).equals(asked) && feature.allowedBy(granted, false));
    }

    /** Its name in `chat status -o json`. */
    public String key() {
        return key;
    }

    /** Its name for a person: the option that uses it. */
    public String shown() {
        return shown;
    }

    /**
     * Whether the token shows it may not use this: a person's or an application's token whose scopes
     * (or roles) hold none of its permissions. False where chat cannot tell (no JWT, or another kind).
     */
    public boolean deniedBy(String accessToken) {
        return JwtClaims.read(accessToken).filter(claims -> claims.kind() != TokenKind.UNKNOWN)
                .map(claims -> !allowedBy(claims.permissions(), claims.kind() == TokenKind.APPLICATION)).orElse(false);
    }

    /** The permissions, any one of which grants it: the least first. */
    public List<String> permissions() {
        return permissions;
    }

    /** Whether a token of these permissions (scopes, or an application's roles) may use it. */
    public boolean allowedBy(Collection<String> granted, boolean application) {
        return (forApplications || !application) && permissions.stream().anyMatch(granted::contains);
    }
}
