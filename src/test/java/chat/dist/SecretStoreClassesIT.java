package chat.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodType;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shipped jar holds every class that the platforms' secret stores need: the Keychain (macOS), DPAPI
 * (Windows) and libsecret (Linux) code of msal4j-persistence-extension, chat's own code around it,
 * and all they reach in JNA and elsewhere. Loaded here as they are loaded where they run, from the jar
 * alone, so that a missing library fails the build rather than a sign-in on someone's laptop.
 */
class SecretStoreClassesIT {
    private static final Path JAR = Path.of("target", "dist", "lib", "chat.jar").toAbsolutePath();
    /** Where the secret-store code starts. */
    private static final List<String> ROOTS = List.of("com/microsoft/aad/msal4jextensions/", "chat/auth/msal/");
    /** The libraries that only the secret stores use, whose code is followed from class to class. */
    private static final List<String> FOLLOWED = List.of("com.microsoft.aad.msal4jextensions.", "com.sun.jna.",
            "com.nimbusds.", "chat.auth.msal.");
    /** Named by the extension for each platform: they must be among what is checked. */
    private static final List<String> PLATFORM_CLASSES = List.of(
            "com.microsoft.aad.msal4jextensions.persistence.mac.KeyChainAccessor",
            "com.microsoft.aad.msal4jextensions.persistence.mac.ISecurityLibrary",
            "com.microsoft.aad.msal4jextensions.persistence.CacheFileAccessor",
            "com.sun.jna.platform.win32.Crypt32Util",
            "com.sun.jna.platform.win32.Crypt32",
            "com.sun.jna.platform.win32.WinCrypt$DATA_BLOB",
            "com.microsoft.aad.msal4jextensions.persistence.linux.KeyRingAccessor",
            "com.microsoft.aad.msal4jextensions.CrossProcessCacheFileLock",
            "com.microsoft.aad.msal4jextensions.PersistenceTokenCacheAccessAspect");

    private static URLClassLoader jar;
    private static Set<String> followed;
    private static Set<String> missing;

    /** Follows the references from the roots, loading (without initialising) every class named. */
    @BeforeAll
    static void followTheReferences() throws IOException {
        jar = new URLClassLoader(new URL[] {JAR.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
        followed = new LinkedHashSet<>();
        missing = new LinkedHashSet<>();
        Deque<String> toRead = new ArrayDeque<>(rootClasses());
        Set<String> loaded = new LinkedHashSet<>();
        while (!toRead.isEmpty()) {
            String name = toRead.poll();
            if (!followed.add(name)) {
                continue;
            }
            ClassReferences references = ClassReferences.of(classFile(name));
            for (String used : references.classes()) {
                if (loaded.add(used) && load(used, name) && isFollowed(used)) {
                    toRead.add(used);
                }
            }
            for (ClassReferences.Member member : references.members()) {
                if (load(member.owner(), name) && !hasMember(member)) {
                    missing.add(member.owner() + "." + member.name() + member.descriptor() + ", used by " + name);
                }
            }
        }
    }

    @Test
    void everyClassAndMemberTheSecretStoresUseIsInTheJar() {
        assertEquals(Set.of(), missing, "missing from " + JAR);
        assertTrue(followed.containsAll(PLATFORM_CLASSES), "the platforms' classes were followed: " + followed);
        assertTrue(followed.size() > 100, "JNA's classes were followed too: " + followed.size());
    }

    /** Reflection resolves every type that a field, method or constructor declares: the linking of each. */
    @Test
    void everyFollowedClassLinks() {
        List<String> failures = new ArrayList<>();
        for (String name : followed) {
            try {
                Class<?> type = Class.forName(name, false, jar);
                type.getDeclaredFields();
                type.getDeclaredMethods();
                type.getDeclaredConstructors();
            } catch (ReflectiveOperationException | LinkageError e) {
                failures.add(name + ": " + e);
            }
        }
        assertEquals(List.of(), failures);
    }

    /**
     * Initialised as the extension's code would be, where that needs no other platform's native
     * library: a library interface of macOS or Windows cannot load here, and only that is forgiven.
     */
    @Test
    void theStoresClassesInitialiseOrWantOnlyTheirPlatformsLibrary() {
        List<String> failures = new ArrayList<>();
        Set<String> wantTheirPlatform = new TreeSet<>();
        for (String name : followed) {
            if (!name.startsWith("com.microsoft.aad.msal4jextensions.") && !name.startsWith("chat.auth.msal.")
                    && !PLATFORM_CLASSES.contains(name)) {
                continue;
            }
            try {
                Class.forName(name, true, jar);
            } catch (UnsatisfiedLinkError e) {
                wantTheirPlatform.add(name);
            } catch (ClassNotFoundException | LinkageError | RuntimeException e) {
                failures.add(name + ": " + e);
            }
        }
        assertEquals(List.of(), failures);
        assertEquals(Set.of("com.microsoft.aad.msal4jextensions.persistence.mac.ISecurityLibrary",
                "com.sun.jna.platform.win32.Crypt32"), wantTheirPlatform);
    }

    private static boolean load(String name, String usedBy) {
        try {
            Class.forName(name, false, jar);
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            missing.add(name + ", used by " + usedBy + " (" + e + ")");
            return false;
        }
    }

    private static boolean isFollowed(String name) {
        return FOLLOWED.stream().anyMatch(name::startsWith);
    }

    /** The member as the JVM resolves it: declared by the class, a superclass or any of their interfaces. */
    private static boolean hasMember(ClassReferences.Member member) {
        Class<?> owner;
        try {
            owner = Class.forName(member.owner(), false, jar);
        } catch (ClassNotFoundException e) {
            return false;
        }
        if (owner == java.lang.invoke.MethodHandle.class || owner == java.lang.invoke.VarHandle.class) {
            return true; // signature-polymorphic: any descriptor resolves
        }
        Deque<Class<?>> types = new ArrayDeque<>(List.of(owner));
        Set<Class<?>> seen = new LinkedHashSet<>();
        while (!types.isEmpty()) {
            Class<?> type = types.poll();
            if (!seen.add(type)) {
                continue;
            }
            if (member.field() ? declaresField(type, member) : declaresMethod(type, member)) {
                return true;
            }
            if (type.getSuperclass() != null) {
                types.add(type.getSuperclass());
            }
            types.addAll(List.of(type.getInterfaces()));
        }
        return !member.field() && declaresMethod(Object.class, member); // interfaces inherit Object's
    }

    private static boolean declaresField(Class<?> type, ClassReferences.Member member) {
        for (Field field : type.getDeclaredFields()) {
            if (field.getName().equals(member.name())
                    && MethodType.methodType(field.getType()).toMethodDescriptorString().equals("()" + member.descriptor())) {
                return true;
            }
        }
        return false;
    }

    private static boolean declaresMethod(Class<?> type, ClassReferences.Member member) {
        List<Executable> candidates = new ArrayList<>(List.of(type.getDeclaredMethods()));
        candidates.addAll(List.of(type.getDeclaredConstructors()));
        for (Executable executable : candidates) {
            String name = executable instanceof Method ? executable.getName() : "<init>";
            Class<?> returns = executable instanceof Method method ? method.getReturnType() : void.class;
            if (name.equals(member.name()) && MethodType.methodType(returns, executable.getParameterTypes())
                    .toMethodDescriptorString().equals(member.descriptor())) {
                return true;
            }
        }
        return false;
    }

    private static List<String> rootClasses() throws IOException {
        List<String> roots = new ArrayList<>();
        try (JarFile file = new JarFile(JAR.toFile())) {
            for (JarEntry entry : java.util.Collections.list(file.entries())) {
                String path = entry.getName();
                if (path.endsWith(".class") && ROOTS.stream().anyMatch(path::startsWith)) {
                    roots.add(path.substring(0, path.length() - ".class".length()).replace('/', '.'));
                }
            }
        }
        assertTrue(roots.stream().anyMatch(name -> name.startsWith("com.microsoft.aad.msal4jextensions.")),
                "the extension is in " + JAR);
        return roots;
    }

    private static byte[] classFile(String name) throws IOException {
        try (InputStream in = jar.getResourceAsStream(name.replace('.', '/') + ".class")) {
            if (in == null) {
                throw new IOException(name + " is not in " + JAR);
            }
            return in.readAllBytes();
        }
    }
}
