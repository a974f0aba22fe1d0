package chat.bulk;

import chat.create.ChatCreator;
import chat.graph.Daemon;
import chat.graph.Identity;
import chat.json.Json;
import chat.request.Member;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * What a line of a bulk run asks for, whatever names it gives people: its key in the journal, and
 * who is in its chat, by which group lines of the same people take turns. People are told by object
 * id, as Graph knows them: those named by user principal name, or by a mail that is a UPN's, are
 * looked up (each once a run, 20 to a request) a chunk of lines at a time. So a line that names
 * a person by UPN and one that names them by object id are the same chat, in one run and across runs.
 * Where users may not be read, people are told by the names given. Keys are given in input order:
 * the second line asking for the same chat is its second occurrence, a chat of its own.
 */
final class LineKeys {
    private final ChatCreator creator;
    private final boolean lookUp;
    private final Map<String, Integer> seen = new HashMap<>();

    /** @param people who is in the line's chat, the same however they were named */
    record Keyed(InputLine line, String people) {
    }

    /**
     * @param lookUp whether people named by UPN are looked up: only where it decides something (a
     *               journal to key, or --if-exists to compare), since it costs requests and a permission
     */
    LineKeys(ChatCreator creator, boolean lookUp) {
        this.creator = creator;
        this.lookUp = lookUp;
    }

    /**
     * Who the people of a chunk of lines are, looked up on a thread of its own, so that the lines
     * before it are sent meanwhile; null (each told by the name given) where nothing needs it.
     */
    CompletableFuture<List<Identity>> lookUp(List<InputLine> chunk) {
        if (!lookUp) {
            return CompletableFuture.completedFuture(null);
        }
        List<Member> everyone = chunk.stream().flatMap(line -> line.draft().members().stream()).toList();
        return Daemon.start("chat-people", () -> creator.identities(everyone));
    }

    /**
     * The lines of a chunk keyed, in input order: a chunk's after the chunk's before it.
     *
     * @param identities what {@link #lookUp} found for this chunk
     */
    List<Keyed> key(List<InputLine> chunk, List<Identity> identities) {
        List<Keyed> keyed = new ArrayList<>(chunk.size());
        int next = 0;
        for (InputLine line : chunk) {
            List<String> people = new ArrayList<>(line.draft().members().size());
            for (Member member : line.draft().members()) {
                people.add(person(member, identities == null ? null : identities.get(next++)));
            }
            String digest = digest(canonical(line, people));
            int occurrence = seen.merge(digest, 1, Integer::sum);
            List<String> who = java.util.stream.Stream.concat(
                    people.stream().map(person -> person.substring(person.indexOf(':') + 1)),
                    line.draft().groupsInOneForm().stream().map(group -> "group:" + group)).sorted().toList();
            keyed.add(new Keyed(line.keyed(digest + "#" + occurrence), String.join(" ", who)));
        }
        return keyed;
    }

    /** "owner:8b08…" (an object id), "guest:jane_fabrikam.com#ext#@…" (a name no lookup told), with "@tenant" for another tenant's. */
    static String person(Member member, Identity identity) {
        String who = identity != null && identity.objectId() != null ? identity.objectId().toLowerCase(Locale.ROOT)
                : member.user().identity();
        String tenant = member.tenantId() == null ? "" : "@" + member.tenantId().toLowerCase(Locale.ROOT);
        return member.role().graphName() + ":" + who + tenant;
    }

    /** The line as its people are known, in one order, with its topic, app and message: what makes it another chat. */
    static String canonical(InputLine line, List<String> people) {
        return Json.write(false, json -> {
            json.writeStartObject();
            json.writeStringField("chatType", line.draft().type().graphName());
            json.writeStringField("topic", line.draft().topic());
            json.writeArrayFieldStart("people");
            for (String person : people.stream().sorted().toList()) {
                json.writeString(person);
            }
            json.writeEndArray();
            if (!line.draft().membersOf().isEmpty()) {
                json.writeArrayFieldStart("membersOf"); // as named: the groups are read when the line is sent
                for (String group : line.draft().groupsInOneForm()) {
                    json.writeString(group);
                }
                json.writeEndArray();
            }
            json.writeStringField("app", line.draft().appId());
            if (line.message() != null) {
                json.writeStringField("contentType", line.message().contentType());
                json.writeStringField("message", line.message().content());
            }
            json.writeEndObject();
        });
    }

    static String digest(String canonical) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
