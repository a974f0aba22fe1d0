package chat.auth;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/** Where chat keeps its sign-in: the user's configuration directory, as each platform names it. */
public final class ConfigDirectory {
    public static final String VARIABLE = "CHAT_CONFIG_DIR";

    private ConfigDirectory() {
    }

    public static Path of(Map<String, String> env) {
        String explicit = env.get(VARIABLE);
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String home = env.getOrDefault("HOME", System.getProperty("user.home"));
        if (os.startsWith("windows")) {
            String appData = env.get("APPDATA");
            return appData != null ? Path.of(appData, "chat") : Path.of(home, "AppData", "Roaming", "chat");
        }
        if (os.startsWith("mac")) {
            return Path.of(home, "Library", "Application Support", "chat");
        }
        String xdg = env.get("XDG_CONFIG_HOME");
        return xdg != null && !xdg.isBlank() ? Path.of(xdg, "chat") : Path.of(home, ".config", "chat");
    }
}
