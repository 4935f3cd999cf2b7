package dev.mcpload.transport.http;

import io.netty.util.AsciiString;

/**
 * Content-Length values as ready-encoded ASCII strings. A load test sends the same few body lengths millions
 * of times; formatting each anew costs a String and a copy per request.
 */
final class ContentLengths {
    private static final int CACHED = 8192;
    /** Filled lazily; a race only formats a value twice (AsciiString is immutable, so publishing it is safe). */
    private static final AsciiString[] CACHE = new AsciiString[CACHED];

    private ContentLengths() {
    }

    static AsciiString of(int length) {
        if (length < 0 || length >= CACHED) {
            return AsciiString.of(Integer.toString(length));
        }
        AsciiString v = CACHE[length];
        if (v == null) {
            v = AsciiString.cached(Integer.toString(length));
            CACHE[length] = v;
        }
        return v;
    }
}
