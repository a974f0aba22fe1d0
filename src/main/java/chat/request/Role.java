package chat.request;

import chat.errors.UsageException;
import java.util.Arrays;

public enum Role {
    OWNER("owner"),
    GUEST("guest");

    private final String graphName;

    Role(String graphName) {
        this.graphName = graphName;
    }

    public String graphName() {
        return graphName;
    }

    public static Role fromGraphName(String name) {
        return Arrays.stream(values()).filter(role -> role.graphName.equals(name)).findFirst()
                .orElseThrow(() -> new UsageException("role '" + name + "' is not supported: a member is 'owner' or "
                        + "'guest'"));
    }
}
