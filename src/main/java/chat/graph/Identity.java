package chat.graph;

import chat.request.UserKey;

/**
 * How a person of a request is told among a chat's members: by object id (given, or looked up from
 * their UPN), with their home tenant for a user of another tenant; by mail, where users may not be
 * read; or not at all, when no user has that UPN.
 *
 * @param objectId null unless {@link Kind#OBJECT_ID}
 * @param tenantId a user of another tenant's home tenant, else null
 */
public record Identity(UserKey key, Kind kind, String objectId, String tenantId) {
    public enum Kind { OBJECT_ID, BY_MAIL, NO_SUCH_USER }

    static Identity objectId(UserKey key, String objectId) {
        return new Identity(key, Kind.OBJECT_ID, objectId, null);
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
            case OBJECT_ID -> objectId.equalsIgnoreCase(member.userId());
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
