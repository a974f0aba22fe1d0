package chat.request;

import chat.errors.UsageException;
import java.util.Arrays;

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
        return Arrays.stream(values()).filter(type -> type.graphName.equals(name)).findFirst()
                .orElseThrow(() -> new UsageException("chatType '" + name + "' is not 'oneOnOne' or 'group'"));
    }
}
