package io.fxhome.sync.storage;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;

/**
 * Sits between a page's body and the JSON parser and keeps any JSON string (value or name) from reaching the parser
 * longer than {@code maxStringBytes} bytes as sent: past that, the rest of the string is dropped up to its closing
 * quote, which is passed on, and the position of that quote is remembered so that the reader can skip the record that
 * held it. The parser would otherwise buffer a string whole before handing it over (Jackson's limit is 20 M characters,
 * 40 MB of heap for one record). Also counts the bytes of the page, and fails once they pass {@code maxPageBytes}.
 *
 * <p>
 * It follows JSON's lexical structure only (quotes, backslash escapes), so it needs no parser state: a cut is made
 * where neither an escape nor a UTF-8 sequence is open, so that the parser still sees a well-formed string.
 */
final class JsonStringGuard extends FilterInputStream {
    private final long maxStringBytes;
    private final long maxPageBytes;
    /** Positions (in what this stream gave out) of the closing quotes of cut strings, oldest first. */
    private final ArrayDeque<Long> cuts = new ArrayDeque<>();
    private final byte[] buffer = new byte[64 * 1024];
    private final byte[] single = new byte[1];
    private long given;
    private long received;
    private boolean inString;
    /** Bytes of the escape still to come: 1 after a backslash, then 4 for {@code \\u}. */
    private int escape;
    private long stringBytes;
    private boolean dropping;

    /** The page holds more bytes than it may. */
    static final class PageTooLargeException extends IOException {
        PageTooLargeException(long max) {
            super("the page is larger than " + max + " bytes");
        }
    }

    JsonStringGuard(InputStream in, long maxStringBytes, long maxPageBytes) {
        super(in);
        this.maxStringBytes = maxStringBytes;
        this.maxPageBytes = maxPageBytes;
    }

    /** Whether a string was cut whose closing quote came out before {@code position}; forgets those cuts. */
    boolean cutBefore(long position) {
        boolean any = false;
        while (!cuts.isEmpty() && cuts.peekFirst() < position) {
            cuts.pollFirst();
            any = true;
        }
        return any;
    }

    @Override
    public int read() throws IOException {
        return read(single, 0, 1) < 0 ? -1 : single[0] & 0xff;
    }

    @Override
    public int read(byte[] out, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (true) {
            int n = in.read(buffer, 0, Math.min(len, buffer.length));
            if (n < 0) {
                return -1;
            }
            received += n;
            if (received > maxPageBytes) {
                throw new PageTooLargeException(maxPageBytes);
            }
            int written = filter(n, out, off);
            if (written > 0) {
                given += written;
                return written;
            }
        }
    }

    /** Copies what passes of {@code buffer[0..n)} to {@code out}; returns how many bytes. */
    private int filter(int n, byte[] out, int off) {
        int w = off;
        for (int i = 0; i < n; i++) {
            byte b = buffer[i];
            if (!inString) {
                if (b == '"') {
                    inString = true;
                    stringBytes = 0;
                    escape = 0;
                    dropping = false;
                }
                out[w++] = b;
                continue;
            }
            // Before this byte: 0 when it starts a character or an escape, else it continues an escape.
            int before = escape;
            if (before > 0) {
                escape = before == 1 && b == 'u' ? 4 : before - 1;
            } else if (b == '\\') {
                escape = 1;
            } else if (b == '"') {
                inString = false;
                if (dropping) {
                    cuts.addLast(given + (w - off));
                }
                out[w++] = b;
                continue;
            }
            if (!dropping) {
                stringBytes++;
                // A cut goes before a character or an escape, never inside either (a UTF-8 continuation byte).
                if (stringBytes > maxStringBytes && before == 0 && (b & 0xC0) != 0x80) {
                    dropping = true;
                } else {
                    out[w++] = b;
                }
            }
        }
        return w - off;
    }
}
