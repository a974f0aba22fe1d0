package chat.request;

import chat.errors.UsageException;

public enum ChatType {
    ONE_ON_ONE("oneOnOne"),
    GROUP("group");

    private final String graphName;

    ChatType(String graphName) {
        this.graphName = graphName;
    }

    /** The value of {@code chatType} in a Graph request body. */
    public String graphName() {
        return graphName;
    }

    public static ChatType fromGraphName(String name) {
        for (ChatType type : values()) {
            if (type.graphName.equals(name)) {
                return type;
            }
        }
        throw new UsageException("chatType '" + name + "' is not 'oneOnOne' or 'group'");
    }
}
