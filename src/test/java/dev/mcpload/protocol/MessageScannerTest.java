package dev.mcpload.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MessageScannerTest {
    private static IncomingMessage scan(String json) {
        return MessageScanner.scan(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void response() {
        IncomingMessage m = scan("{\"jsonrpc\":\"2.0\",\"id\":42,\"result\":{\"content\":[{\"type\":\"text\",\"text\":\"hi\"}]}}");
        assertThat(m.kind()).isEqualTo(IncomingMessage.Kind.RESPONSE);
        assertThat(m.id()).isEqualTo(42);
        assertThat(m.isToolError()).isFalse();
        assertThat(m.result().path("content").get(0).path("text").asString()).isEqualTo("hi");
    }

    @Test
    void toolErrorIsSeenWhereverItIsInTheResult() {
        IncomingMessage m = scan("{\"result\":{\"content\":[{\"type\":\"text\",\"text\":\"boom\",\"isError\":false}],"
                + "\"isError\":true},\"id\":1,\"jsonrpc\":\"2.0\"}");
        assertThat(m.isToolError()).isTrue();
    }

    @Test
    void inputRequiredIsSeenAndExemptFromTheOperationsShape() {
        IncomingMessage asked = scan("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"resultType\":\"input_required\","
                + "\"inputRequests\":{\"name\":{\"method\":\"elicitation/create\",\"params\":{}}}}}");
        assertThat(asked.isInputRequired()).isTrue();
        assertThat(ResultShape.problem("tools/call", asked.resultShape())).isNull();
        IncomingMessage done = scan("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"resultType\":\"complete\"}}");
        assertThat(done.isInputRequired()).isFalse();
        assertThat(ResultShape.problem("tools/call", done.resultShape())).isNotNull(); // complete needs content
        IncomingMessage nested = scan("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"content\":[],"
                + "\"structuredContent\":{\"resultType\":\"input_required\"}}}");
        assertThat(nested.isInputRequired()).isFalse();
    }

    @Test
    void nestedIsErrorDoesNotCount() {
        IncomingMessage m = scan("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"structuredContent\":{\"isError\":true}}}");
        assertThat(m.isToolError()).isFalse();
    }

    @Test
    void errorResponse() {
        IncomingMessage m = scan("{\"jsonrpc\":\"2.0\",\"id\":\"7\",\"error\":{\"code\":-32602,\"message\":\"bad\",\"data\":{\"x\":1}}}");
        assertThat(m.kind()).isEqualTo(IncomingMessage.Kind.ERROR);
        assertThat(m.id()).isEqualTo(7);
        assertThat(m.rawId()).isEqualTo("\"7\"");
        assertThat(m.errorCode()).isEqualTo(-32602);
        assertThat(m.errorMessage()).isEqualTo("bad");
    }

    @Test
    void notificationAndServerRequest() {
        IncomingMessage n = scan("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/progress\",\"params\":{\"progress\":1}}");
        assertThat(n.kind()).isEqualTo(IncomingMessage.Kind.NOTIFICATION);
        assertThat(n.method()).isEqualTo("notifications/progress");
        assertThat(n.params().path("progress").asInt()).isEqualTo(1);
        IncomingMessage r = scan("{\"jsonrpc\":\"2.0\",\"id\":\"srv-1\",\"method\":\"ping\"}");
        assertThat(r.kind()).isEqualTo(IncomingMessage.Kind.REQUEST);
        assertThat(r.id()).isEqualTo(IncomingMessage.NO_ID);
        assertThat(r.rawId()).isEqualTo("\"srv-1\"");
    }

    @Test
    void malformedInputIsAProtocolError() {
        assertThatThrownBy(() -> scan("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":"))
                .isInstanceOfSatisfying(McpException.class, e -> assertThat(e.errorClass()).isEqualTo(ErrorClass.PROTOCOL));
        assertThatThrownBy(() -> scan("<html>oops</html>"))
                .isInstanceOfSatisfying(McpException.class, e -> assertThat(e.getMessage()).contains("<html>"));
        assertThatThrownBy(() -> scan("{\"jsonrpc\":\"2.0\"}"))
                .isInstanceOfSatisfying(McpException.class, e -> assertThat(e.getMessage()).contains("neither"));
        assertThatThrownBy(() -> scan("[1,2]")).isInstanceOf(McpException.class);
    }

    @Test
    void templatePatchesOnlyTheId() {
        RequestTemplate t = McpRequests.toolsCall("add", Json.object().put("a", 1).put("b", 2));
        io.netty.buffer.ByteBuf buf = io.netty.buffer.Unpooled.buffer();
        for (long id : new long[] {0, 9, 10, 12345678901L, -3}) {
            buf.clear();
            t.writeTo(buf, id);
            String s = buf.toString(StandardCharsets.UTF_8);
            assertThat(s).isEqualTo(new String(t.toBytes(id), StandardCharsets.UTF_8));
            var tree = Json.parse(s);
            assertThat(tree.path("id").asLong()).isEqualTo(id);
            assertThat(tree.path("method").asString()).isEqualTo("tools/call");
            assertThat(tree.path("params").path("name").asString()).isEqualTo("add");
            assertThat(tree.path("params").path("arguments").path("b").asInt()).isEqualTo(2);
            assertThat(tree.path("jsonrpc").asString()).isEqualTo("2.0");
        }
        buf.release();
    }
}
