package chat.dist;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a class file's constant pool names: the classes it uses, and the fields and methods of other
 * classes it reaches for. These are what the JVM resolves when the code runs, on whichever platform.
 */
record ClassReferences(Set<String> classes, List<Member> members) {
    private static final Pattern OBJECT_TYPE = Pattern.compile("L([^;<]+);");

    /** A field or method of {@code owner} (a binary name), as a Fieldref or Methodref names it. */
    record Member(String owner, String name, String descriptor, boolean field) {
    }

    static ClassReferences of(byte[] classFile) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(classFile));
        if (in.readInt() != 0xCAFEBABE) {
            throw new IOException("not a class file");
        }
        in.readUnsignedShort(); // minor version
        in.readUnsignedShort(); // major version
        int count = in.readUnsignedShort();
        String[] utf8 = new String[count];
        int[] classNames = new int[count];
        Map<Integer, int[]> refs = new HashMap<>(); // Fieldref/Methodref: {tag, class, nameAndType}
        Map<Integer, int[]> nameAndTypes = new HashMap<>();
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1 -> utf8[i] = in.readUTF();
                case 7 -> classNames[i] = in.readUnsignedShort();
                case 8, 16, 19, 20 -> in.readUnsignedShort();
                case 3, 4 -> in.readInt();
                case 5, 6 -> {
                    in.readLong();
                    i++; // eight-byte constants take two entries
                }
                case 9, 10, 11 -> refs.put(i, new int[] {tag, in.readUnsignedShort(), in.readUnsignedShort()});
                case 12 -> nameAndTypes.put(i, new int[] {in.readUnsignedShort(), in.readUnsignedShort()});
                case 15 -> {
                    in.readUnsignedByte();
                    in.readUnsignedShort();
                }
                case 17, 18 -> in.readInt();
                default -> throw new IOException("unknown constant pool tag " + tag + " at " + i);
            }
        }
        Set<String> classes = new LinkedHashSet<>();
        for (int index : classNames) {
            if (index != 0) {
                addType(classes, utf8[index]);
            }
        }
        List<Member> members = new ArrayList<>();
        for (int[] ref : refs.values()) {
            String owner = utf8[classNames[ref[1]]];
            int[] nameAndType = nameAndTypes.get(ref[2]);
            String descriptor = utf8[nameAndType[1]];
            addDescriptorTypes(classes, descriptor);
            if (!owner.startsWith("[")) {
                members.add(new Member(owner.replace('/', '.'), utf8[nameAndType[0]], descriptor, ref[0] == 9));
            }
        }
        return new ClassReferences(classes, members);
    }

    /** A Class entry is a binary name ("a/b/C") or an array descriptor ("[La/b/C;", "[I"). */
    private static void addType(Set<String> classes, String entry) {
        if (entry.startsWith("[")) {
            addDescriptorTypes(classes, entry);
        } else {
            classes.add(entry.replace('/', '.'));
        }
    }

    private static void addDescriptorTypes(Set<String> classes, String descriptor) {
        Matcher type = OBJECT_TYPE.matcher(descriptor);
        while (type.find()) {
            classes.add(type.group(1).replace('/', '.'));
        }
    }
}
