package chat.graph;

import chat.request.UserKey;

/**
 * How a person of a request is told among a chat's members: by object id (given, looked up from their
 * UPN, or from the mail that UPN turned out to be), with their home tenant for a user of another
 * tenant; by mail, where users may not be read; or not at all, when no user has that name.
 *
 * @param objectId null unless {@link Kind#OBJECT_ID}
 * @param tenantId a user of another tenant's home tenant, else null
 */
public record Identity(UserKey key, Kind kind, String objectId, String tenantId) {
    public enum Kind {
        /** By object id: given, or the user whose UPN it is. */
        OBJECT_ID,
        /** By object id: no user has this UPN, and it is the mail of exactly one user, who is meant. */
        MAIL_OF,
        /** By a member's mail: users may not be read. */
        BY_MAIL,
        /** No user has this name (nor, unless --no-resolve, this mail). */
        NO_SUCH_USER
    }

    static Identity objectId(UserKey key, String objectId) {
        return new Identity(key, Kind.OBJECT_ID, objectId, null);
    }

    static Identity mailOf(UserKey key, String objectId) {
        return new Identity(key, Kind.MAIL_OF, objectId, null);
    }

    static Identity byMail(UserKey key) {
        return new Identity(key, Kind.BY_MAIL, null, null);
    }

    static Identity noSuchUser(UserKey key) {
        return new Identity(key, Kind.NO_SUCH_USER, null, null);
    }

    Identity inTenant(String tenant) {
        return new Identity(key, kind, objectId, tenant);
    }

    /** Whether this member of a chat is this person. */
    public boolean is(ExistingChat.Participant member) {
        boolean person = switch (kind) {
            case OBJECT_ID, MAIL_OF -> objectId.equalsIgnoreCase(member.userId());
            case BY_MAIL -> key.value().equalsIgnoreCase(member.email());
            case NO_SUCH_USER -> false;
        };
        return person && (tenantId == null || tenantId.equalsIgnoreCase(member.tenantId()));
    }

    /** The member a chat made this run has for this person, as a listing would show it. */
    ExistingChat.Participant asMember() {
        return new ExistingChat.Participant(objectId, kind == Kind.BY_MAIL ? key.value() : null, tenantId);
    }
}
