package chat.testing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The tenant's users as Graph knows them: an object id, a user principal name, and a mail that is
 * not always the UPN (renamed people, aliases, guests). A test registers the people whose names
 * matter; any other UPN is a user of its own, with that UPN for mail, except one that is a registered
 * user's mail: Graph finds no user by that name, as in a real tenant.
 */
public final class FakeDirectory {
    /** The tenant the fake stands for. */
    public static final String TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";

    public record User(String id, String upn, String mail) {
    }

    private final Map<String, User> byId = new ConcurrentHashMap<>();
    private final Map<String, User> byUpn = new ConcurrentHashMap<>();
    private final Map<String, List<User>> byMail = new ConcurrentHashMap<>();
    private final java.util.Set<String> absent = ConcurrentHashMap.newKeySet();

    /** A user whose mail is not their UPN; their id is made from the UPN. */
    public User add(String upn, String mail) {
        User user = new User(idOf(upn), upn, mail);
        byId.put(user.id(), user);
        byUpn.put(upn.toLowerCase(Locale.ROOT), user);
        if (mail != null) {
            byMail.computeIfAbsent(mail.toLowerCase(Locale.ROOT), any -> new java.util.concurrent.CopyOnWriteArrayList<>())
                    .add(user);
        }
        return user;
    }

    /** No user has this UPN (nor is it anyone's mail, unless a user registered with it as mail). */
    public void absent(String upn) {
        absent.add(upn.toLowerCase(Locale.ROOT));
    }

    /** The object id a UPN's user has here (made from it, the same on every call). */
    public static String idOf(String upn) {
        return UUID.nameUUIDFromBytes(upn.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** By object id or UPN, as {@code /users/{key}} finds them; empty as Graph's 404. */
    public Optional<User> find(String key) {
        String lower = key.toLowerCase(Locale.ROOT);
        if (lower.matches("[0-9a-f-]{36}")) {
            return Optional.of(byId.getOrDefault(lower, new User(lower, null, null)));
        }
        User registered = byUpn.get(lower);
        if (registered != null) {
            return Optional.of(registered);
        }
        if (byMail.containsKey(lower) || absent.contains(lower) || !key.contains("@")) {
            return Optional.empty();
        }
        return Optional.of(new User(idOf(key), key, key));
    }

    /** {@code /users?$filter=mail eq '…'}: every user with that mail. */
    public List<User> withMail(String mail) {
        List<User> users = byMail.get(mail.toLowerCase(Locale.ROOT));
        if (users != null) {
            return List.copyOf(users);
        }
        Optional<User> implicit = find(mail);
        return implicit.filter(found -> mail.equalsIgnoreCase(found.mail())).map(List::of).orElse(new ArrayList<>());
    }
}
