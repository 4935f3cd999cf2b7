package dev.mcpload.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The constant template is the hot path's encoder: these are the exact bytes it put on the wire before requests
 * went through an encoder interface, written out by hand, so any change to them is a deliberate one.
 */
class RequestTemplateBytesTest {
    private static final long[] IDS = {0, 9, 10, 12345, Long.MAX_VALUE};
    private static final String[] DIGITS = {"0", "9", "10", "12345", "9223372036854775807"};

    private record Pinned(RequestTemplate request, String before, String after) {
    }

    private static List<Pinned> pinned() {
        return List.of(
                new Pinned(McpRequests.ping(), "{\"jsonrpc\":\"2.0\",\"method\":\"ping\",\"id\":", "}"),
                new Pinned(McpRequests.toolsCall("add", Json.object().put("a", 1).put("b", 2)),
                        "{\"jsonrpc\":\"2.0\",\"method\":\"tools/call\",\"params\":{\"name\":\"add\","
                                + "\"arguments\":{\"a\":1,\"b\":2}},\"id\":", "}"),
                new Pinned(McpRequests.toolsCall("echo", Json.object().put("message", "h\u00e9llo \"q\""), "tok-1"),
                        "{\"jsonrpc\":\"2.0\",\"method\":\"tools/call\",\"params\":{\"name\":\"echo\","
                                + "\"arguments\":{\"message\":\"h\u00e9llo \\\"q\\\"\"},"
                                + "\"_meta\":{\"progressToken\":\"tok-1\"}},\"id\":", "}"),
                new Pinned(McpRequests.resourcesRead("config://settings"),
                        "{\"jsonrpc\":\"2.0\",\"method\":\"resources/read\",\"params\":"
                                + "{\"uri\":\"config://settings\"},\"id\":", "}"),
                new Pinned(McpRequests.list(McpMethods.TOOLS_LIST, "page-2"),
                        "{\"jsonrpc\":\"2.0\",\"method\":\"tools/list\",\"params\":{\"cursor\":\"page-2\"},\"id\":",
                        "}"),
                new Pinned(McpRequests.initialize("2025-06-18"),
                        "{\"jsonrpc\":\"2.0\",\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
                                + "\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"mcpload\","
                                + "\"version\":\"" + McpRequests.CLIENT_VERSION + "\"}},\"id\":", "}"));
    }

    @Test
    void writeToAndToBytesGiveTheSameBytesAsBeforeForEveryId() {
        ByteBuf buf = Unpooled.buffer();
        try {
            for (Pinned p : pinned()) {
                for (int i = 0; i < IDS.length; i++) {
                    byte[] expected = (p.before() + DIGITS[i] + p.after()).getBytes(StandardCharsets.UTF_8);
                    buf.clear();
                    p.request().writeTo(buf, IDS[i]);
                    byte[] written = new byte[buf.readableBytes()];
                    buf.getBytes(buf.readerIndex(), written);
                    assertThat(written).as("writeTo, id %d", IDS[i]).isEqualTo(expected);
                    assertThat(p.request().toBytes(IDS[i])).as("toBytes, id %d", IDS[i]).isEqualTo(expected);
                    assertThat(p.request().encodedLengthUpperBound()).as("room for id %d", IDS[i])
                            .isGreaterThanOrEqualTo(expected.length);
                }
            }
        } finally {
            buf.release();
        }
    }

    @Test
    void theUpperBoundIsTheFixedBytesPlusTheLongestId() {
        RequestTemplate ping = McpRequests.ping();
        int fixed = "{\"jsonrpc\":\"2.0\",\"method\":\"ping\",\"id\":}".length();
        assertThat(ping.encodedLengthUpperBound()).isEqualTo(fixed + Long.toString(Long.MIN_VALUE).length());
    }

    @Test
    void theConstantTemplateAddsNoHeadersAndIsTheSameEncoderForEveryVu() {
        RequestEncoder ping = McpRequests.ping();
        assertThat(ping.method()).isEqualTo(McpMethods.PING);
        assertThat(ping.headers()).isEmpty();
        assertThat(ping.headers()).isSameAs(RequestEncoder.NO_HEADERS).isSameAs(McpRequests.toolsCall("a", null)
                .headers());
        for (int vu : new int[] {0, 1, 999_999}) {
            assertThat(ping.forVu(vu)).isSameAs(ping);
        }
    }
}
