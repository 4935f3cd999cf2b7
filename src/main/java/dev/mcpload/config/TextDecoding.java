package dev.mcpload.config;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A config file's bytes as text. TOML is UTF-8 only, so anything else is an error that says what is wrong and
 * where: the byte, its offset, its line and column — not the JDK's "Input length = 3".
 *
 * <p>A leading UTF-8 byte-order mark is accepted and dropped. The TOML spec says "a valid UTF-8 encoded Unicode
 * document", which its authors meant to include an optional BOM (toml-lang/toml#437); BurntSushi/toml and toml-rs
 * accept one; and Windows editors write one (Notepad did by default until 2019), so refusing it would fail a file
 * that looks right in every editor. A BOM anywhere else is an invisible character in the text, reported by the
 * loader. A UTF-16 or UTF-32 file (by its BOM, or by the zero bytes of ASCII text) is named as such.
 */
final class TextDecoding {
    private TextDecoding() {
    }

    static String decode(byte[] bytes, String file) {
        int start = 0;
        if (startsWith(bytes, 0xEF, 0xBB, 0xBF)) {
            start = 3;
        } else {
            String other = otherEncoding(bytes);
            if (other != null) {
                throw new ConfigException(file + ":1: the file is " + other + ", but a TOML file must be UTF-8:"
                        + " save it as UTF-8 (in most editors: Save As, encoding UTF-8)");
            }
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
        CharBuffer out = CharBuffer.allocate(bytes.length); // UTF-8 never decodes to more chars than bytes
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            throw new ConfigException(malformed(bytes, in.position(), file));
        }
        return out.flip().toString();
    }

    private static String malformed(byte[] bytes, int offset, String file) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < offset; i++) {
            if (bytes[i] == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        int column = 1;
        for (int i = lineStart; i < offset; i++) {
            if ((bytes[i] & 0xC0) != 0x80) { // count characters: every byte but UTF-8 continuation bytes
                column++;
            }
        }
        return String.format(Locale.ROOT, "%s:%d:%d: the file is not UTF-8: byte 0x%02X at byte offset %d"
                + " (line %d, column %d) is not valid UTF-8; perhaps it was saved as Latin-1 or Windows-1252:"
                + " save it as UTF-8 (in most editors: Save As, encoding UTF-8)",
                file, line, column, bytes[offset] & 0xFF, offset, line, column);
    }

    private static String otherEncoding(byte[] b) {
        if (startsWith(b, 0xFF, 0xFE, 0x00, 0x00) || startsWith(b, 0x00, 0x00, 0xFE, 0xFF)) {
            return "UTF-32 (it starts with a UTF-32 byte-order mark)";
        }
        if (startsWith(b, 0xFF, 0xFE) || startsWith(b, 0xFE, 0xFF)) {
            return "UTF-16 (it starts with a UTF-16 byte-order mark)";
        }
        if (b.length >= 2 && (b[0] == 0) != (b[1] == 0)) {
            return "UTF-16 (every other byte is zero)";
        }
        return null;
    }

    private static boolean startsWith(byte[] bytes, int... prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((bytes[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
