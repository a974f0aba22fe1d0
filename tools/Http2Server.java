import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import jdk.internal.net.http.hpack.Decoder;

/**
 * HTTP/2 over TLS (h2, chosen by ALPN), as Graph speaks it to a client that offers it (the JDK's does),
 * for the stand-in for Graph: enough of RFC 9113 for a client that sends requests and reads answers.
 * Streams of one connection are answered concurrently, on the executor; the request's headers are
 * read with the JDK's own HPACK decoder (needs --add-exports java.net.http/jdk.internal.net.http.hpack),
 * and answers are written as literal header fields, never indexed. The server advertises 100
 * concurrent streams, and opens its receive windows wide, giving back whatever DATA it reads.
 */
final class Http2Server {
    /**
     * What a request asked for, and what to answer it: null refuses its stream unprocessed
     * (REFUSED_STREAM). {@code arrived}: the System.nanoTime() at which its last frame was read, before
     * it waited for a thread to answer it.
     */
    interface Handler {
        Answer handle(String method, URI uri, byte[] body, long arrived) throws IOException;
    }

    record Answer(int status, Map<String, String> headers, byte[] body) {
    }

    private static final byte[] PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final int DATA = 0;
    private static final int HEADERS = 1;
    private static final int RST_STREAM = 3;
    private static final int SETTINGS = 4;
    private static final int PING = 6;
    private static final int GOAWAY = 7;
    private static final int WINDOW_UPDATE = 8;
    private static final int CONTINUATION = 9;
    private static final int END_STREAM = 0x1;
    private static final int ACK = 0x1;
    private static final int END_HEADERS = 0x4;
    private static final int PADDED = 0x8;
    private static final int PRIORITY = 0x20;
    private static final int MAX_FRAME = 16384;
    private static final int WINDOW = 1 << 30;

    private final SSLServerSocket listener;
    private final Handler handler;
    private final ExecutorService executor;

    Http2Server(SSLContext tls, Handler handler, ExecutorService executor) throws IOException {
        this.listener = (SSLServerSocket) tls.getServerSocketFactory().createServerSocket(0, 64, InetAddress.getLoopbackAddress());
        SSLParameters parameters = listener.getSSLParameters();
        parameters.setApplicationProtocols(new String[] {"h2"});
        listener.setSSLParameters(parameters);
        this.handler = handler;
        this.executor = executor;
    }

    int port() {
        return listener.getLocalPort();
    }

    void start() {
        Thread acceptor = new Thread(() -> {
            while (true) {
                try {
                    SSLSocket socket = (SSLSocket) listener.accept();
                    Thread connection = new Thread(() -> serve(socket), "h2-connection");
                    connection.setDaemon(true);
                    connection.start();
                } catch (IOException e) {
                    return;
                }
            }
        }, "h2-acceptor");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void serve(SSLSocket socket) {
        try (socket) {
            socket.startHandshake();
            if (!"h2".equals(socket.getApplicationProtocol())) {
                return; // ALPN offered no h2: nothing this server speaks
            }
            new Connection(socket).run();
        } catch (IOException e) {
            // the client went away
        }
    }

    /** One connection: frames read in order on this thread, answers written by the executor's. */
    private final class Connection {
        private final DataInputStream in;
        private final OutputStream out;
        private final Decoder decoder = new Decoder(4096);
        private final Map<Integer, Stream> streams = new HashMap<>();
        private Stream continued;

        Connection(SSLSocket socket) throws IOException {
            this.in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
            this.out = new BufferedOutputStream(socket.getOutputStream());
        }

        void run() throws IOException {
            byte[] preface = new byte[PREFACE.length];
            in.readFully(preface);
            if (!Arrays.equals(preface, PREFACE)) {
                return;
            }
            ByteBuffer settings = ByteBuffer.allocate(12).putShort((short) 0x3).putInt(100) // MAX_CONCURRENT_STREAMS
                    .putShort((short) 0x4).putInt(WINDOW); // INITIAL_WINDOW_SIZE
            write(SETTINGS, 0, 0, settings.array());
            write(WINDOW_UPDATE, 0, 0, increment(WINDOW - 65535));
            try {
                while (true) {
                    if (!frame()) {
                        return;
                    }
                }
            } catch (EOFException e) {
                // the connection closed
            }
        }

        /** Reads and acts on one frame; false once the client has said goodbye. */
        private boolean frame() throws IOException {
            int length = (in.readUnsignedShort() << 8) | in.readUnsignedByte();
            int type = in.readUnsignedByte();
            int flags = in.readUnsignedByte();
            int stream = in.readInt() & 0x7fffffff;
            byte[] payload = new byte[length];
            in.readFully(payload);
            switch (type) {
                case HEADERS -> {
                    Stream opened = new Stream();
                    streams.put(stream, opened);
                    int from = (flags & PADDED) != 0 ? 1 : 0;
                    int padding = from == 1 ? payload[0] & 0xff : 0;
                    from += (flags & PRIORITY) != 0 ? 5 : 0;
                    opened.block.write(payload, from, length - from - padding);
                    opened.ended = (flags & END_STREAM) != 0;
                    headersRead(stream, opened, flags);
                }
                case CONTINUATION -> {
                    continued.block.write(payload, 0, length);
                    headersRead(stream, continued, flags);
                }
                case DATA -> {
                    Stream open = streams.get(stream);
                    int from = (flags & PADDED) != 0 ? 1 : 0;
                    int padding = from == 1 ? payload[0] & 0xff : 0;
                    if (length > 0) {
                        write(WINDOW_UPDATE, 0, 0, increment(length));
                    }
                    if (open != null) {
                        open.body.write(payload, from, length - from - padding);
                        if ((flags & END_STREAM) != 0) {
                            dispatch(stream, open);
                        }
                    }
                }
                case SETTINGS -> {
                    if ((flags & ACK) == 0) {
                        write(SETTINGS, ACK, 0, new byte[0]);
                    }
                }
                case PING -> {
                    if ((flags & ACK) == 0) {
                        write(PING, ACK, 0, payload);
                    }
                }
                case RST_STREAM -> streams.remove(stream);
                case GOAWAY -> {
                    return false;
                }
                default -> {
                    // PRIORITY, WINDOW_UPDATE, unknown types: nothing to do for answers this small
                }
            }
            return true;
        }

        private void headersRead(int id, Stream stream, int flags) throws IOException {
            if ((flags & END_HEADERS) == 0) {
                continued = stream;
                return;
            }
            continued = null;
            decoder.decode(ByteBuffer.wrap(stream.block.toByteArray()), true,
                    (name, value) -> stream.headers.put(name.toString(), value.toString()));
            if (stream.ended) {
                dispatch(id, stream);
            }
        }

        private void dispatch(int id, Stream stream) {
            long arrived = System.nanoTime();
            streams.remove(id);
            executor.execute(() -> {
                try {
                    Map<String, String> headers = stream.headers;
                    URI uri = URI.create("https://" + headers.getOrDefault(":authority", "graph.microsoft.com")
                            + headers.get(":path"));
                    Answer answer = handler.handle(headers.get(":method"), uri, stream.body.toByteArray(), arrived);
                    if (answer == null) {
                        write(RST_STREAM, 0, id, ByteBuffer.allocate(4).putInt(0x7).array());
                    } else {
                        answer(id, answer);
                    }
                } catch (IOException | RuntimeException e) {
                    try {
                        write(RST_STREAM, 0, id, ByteBuffer.allocate(4).putInt(0x2).array()); // INTERNAL_ERROR
                    } catch (IOException gone) {
                        // the connection is gone with it
                    }
                }
            });
        }

        private void answer(int stream, Answer answer) throws IOException {
            ByteArrayOutputStream block = new ByteArrayOutputStream();
            literal(block, ":status", Integer.toString(answer.status()));
            answer.headers().forEach((name, value) -> literal(block, name.toLowerCase(java.util.Locale.ROOT), value));
            byte[] body = answer.body();
            synchronized (out) {
                frame(HEADERS, END_HEADERS | (body.length == 0 ? END_STREAM : 0), stream, block.toByteArray());
                for (int at = 0; at < body.length; at += MAX_FRAME) {
                    int end = Math.min(body.length, at + MAX_FRAME);
                    frame(DATA, end == body.length ? END_STREAM : 0, stream, Arrays.copyOfRange(body, at, end));
                }
                out.flush();
            }
        }

        private void write(int type, int flags, int stream, byte[] payload) throws IOException {
            synchronized (out) {
                frame(type, flags, stream, payload);
                out.flush();
            }
        }

        private void frame(int type, int flags, int stream, byte[] payload) throws IOException {
            out.write(new byte[] {(byte) (payload.length >>> 16), (byte) (payload.length >>> 8), (byte) payload.length,
                (byte) type, (byte) flags, (byte) (stream >>> 24), (byte) (stream >>> 16), (byte) (stream >>> 8),
                (byte) stream});
            out.write(payload);
        }
    }

    private static final class Stream {
        final ByteArrayOutputStream block = new ByteArrayOutputStream();
        final ByteArrayOutputStream body = new ByteArrayOutputStream();
        final Map<String, String> headers = new LinkedHashMap<>();
        boolean ended;
    }

    private static byte[] increment(int by) {
        return ByteBuffer.allocate(4).putInt(by).array();
    }

    /** A literal header field without indexing, its name new (RFC 7541, 6.2.2), no Huffman coding. */
    private static void literal(ByteArrayOutputStream block, String name, String value) {
        block.write(0);
        string(block, name.getBytes(StandardCharsets.UTF_8));
        string(block, value.getBytes(StandardCharsets.UTF_8));
    }

    private static void string(ByteArrayOutputStream block, byte[] text) {
        int length = text.length;
        if (length < 127) {
            block.write(length);
        } else {
            block.write(127);
            for (length -= 127; length >= 128; length >>>= 7) {
                block.write((length & 0x7f) | 0x80);
            }
            block.write(length);
        }
        block.writeBytes(text);
    }
}
