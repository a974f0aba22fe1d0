package chat.dist;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What a Linux desktop has for secrets, private to a test: a D-Bus session bus of its own, with a
 * HOME of its own, and gnome-keyring in it when the test starts it, so that neither the machine's bus
 * nor anyone's keyring is touched. Nothing on this bus starts by itself but a stand-in for the keyring's
 * unlock prompt, which only records that it was asked for.
 */
final class DesktopSession implements AutoCloseable {
    static final String KEYRING_PASSWORD = "keyring-password";
    private static final List<String> TOOLS = List.of("dbus-daemon", "dbus-send", "gnome-keyring-daemon", "secret-tool");

    private final Path home;
    private final Process bus;
    private final String address;
    private final Path prompts;
    private Process keyring;

    private DesktopSession(Path home, Process bus, String address, Path prompts) {
        this.home = home;
        this.bus = bus;
        this.address = address;
        this.prompts = prompts;
    }

    /** Skips the test, saying what is missing, where the tools of a desktop session are not installed (CI installs them). */
    static void assumeInstalled() {
        List<String> missing = TOOLS.stream().filter(tool -> !onPath(tool)).toList();
        assumeTrue(missing.isEmpty(), "not installed: " + missing + " (.ci/run installs dbus, gnome-keyring, "
                + "libsecret-1-0 and libsecret-tools)");
    }

    static DesktopSession start(Path directory) throws IOException, InterruptedException {
        Path home = Files.createDirectories(directory.resolve("home"));
        Path runtime = Files.createDirectories(directory.resolve("run"));
        Files.setPosixFilePermissions(runtime, PosixFilePermissions.fromString("rwx------"));
        Path services = Files.createDirectories(directory.resolve("services"));
        Path prompts = directory.resolve("prompts");
        Files.writeString(services.resolve("org.gnome.keyring.SystemPrompter.service"), "[D-BUS Service]\n"
                + "Name=org.gnome.keyring.SystemPrompter\n"
                + "Exec=/bin/sh -c 'echo asked >> " + prompts + "; exit 1'\n");
        Path config = Files.writeString(directory.resolve("session.conf"), """
                <!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
                 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
                <busconfig>
                  <type>session</type>
                  <listen>unix:dir=%s</listen>
                  <servicedir>%s</servicedir>
                  <policy context="default">
                    <allow send_destination="*" eavesdrop="true"/>
                    <allow eavesdrop="true"/>
                    <allow own="*"/>
                  </policy>
                </busconfig>
                """.formatted(runtime, services));
        ProcessBuilder builder = new ProcessBuilder("dbus-daemon", "--config-file=" + config, "--nofork",
                "--print-address=1");
        sessionEnvironment(builder.environment(), home, runtime, null);
        Process bus = builder.redirectError(directory.resolve("bus.log").toFile()).start();
        String address = new BufferedReader(new InputStreamReader(bus.getInputStream(), StandardCharsets.UTF_8)).readLine();
        assertTrue(address != null && address.startsWith("unix:"), "the bus's address: " + address);
        return new DesktopSession(home, bus, address, prompts);
    }

    /** Starts gnome-keyring; unlocked, it makes the login keyring on first start, with {@link #KEYRING_PASSWORD}. */
    void startKeyring(boolean unlocked) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("gnome-keyring-daemon", "--foreground", "--components=secrets"));
        if (unlocked) {
            command.add("--unlock");
        }
        ProcessBuilder builder = new ProcessBuilder(command);
        sessionEnvironment(builder.environment(), home, home.resolveSibling("run"), address);
        keyring = builder.redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(home.resolveSibling("keyring.log").toFile()).start();
        try (OutputStream in = keyring.getOutputStream()) {
            if (unlocked) {
                in.write(KEYRING_PASSWORD.getBytes(StandardCharsets.UTF_8));
            }
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!run("dbus-send", "--session", "--print-reply", "--dest=org.freedesktop.DBus", "/org/freedesktop/DBus",
                "org.freedesktop.DBus.NameHasOwner", "string:org.freedesktop.secrets").contains("boolean true")) {
            assertTrue(keyring.isAlive() && System.nanoTime() < deadline, "gnome-keyring did not start: "
                    + Files.readString(home.resolveSibling("keyring.log")));
            Thread.sleep(50);
        }
    }

    void stopKeyring() throws InterruptedException {
        if (keyring != null) {
            keyring.destroy();
            assertTrue(keyring.waitFor(30, TimeUnit.SECONDS), "gnome-keyring did not stop");
            keyring = null;
        }
    }

    /** What a program in this session is given: the bus, and a HOME, with no display to show a prompt on. */
    Map<String, String> environment() {
        Map<String, String> env = new HashMap<>();
        sessionEnvironment(env, home, home.resolveSibling("run"), address);
        return env;
    }

    Path home() {
        return home;
    }

    /** secret-tool's output; what it says on stderr follows it. */
    String secretTool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("secret-tool"));
        command.addAll(List.of(args));
        return run(command.toArray(String[]::new));
    }

    /** Whether anything asked the keyring's prompt to be shown, to a person who would then be waited for. */
    boolean promptWasAskedFor() {
        return Files.exists(prompts);
    }

    @Override
    public void close() throws InterruptedException {
        try {
            stopKeyring();
        } finally {
            bus.destroy();
            bus.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private String run(String... command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        sessionEnvironment(builder.environment(), home, home.resolveSibling("run"), address);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), String.join(" ", command) + " did not end");
        return output;
    }

    private static void sessionEnvironment(Map<String, String> env, Path home, Path runtime, String address) {
        env.keySet().removeIf(name -> name.startsWith("DBUS_") || name.startsWith("XDG_") || name.startsWith("GNOME_")
                || name.equals("DISPLAY") || name.equals("WAYLAND_DISPLAY"));
        env.put("HOME", home.toString());
        env.put("XDG_RUNTIME_DIR", runtime.toString());
        if (address != null) {
            env.put("DBUS_SESSION_BUS_ADDRESS", address);
        }
    }

    private static boolean onPath(String tool) {
        for (String directory : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(directory, tool))) {
                return true;
            }
        }
        return false;
    }
}
