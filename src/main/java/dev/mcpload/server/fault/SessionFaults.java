package dev.mcpload.server.fault;

import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;

/** Faults of the session: it expires under the client, or is refused at {@code initialize}. */
final class SessionFaults {
    private SessionFaults() {
    }

    /** The session is forgotten and the request answered 404, as the spec says: the client must re-initialize. */
    static Fault expire404(String param) {
        FaultParams.none(param);
        return (x, next) -> {
            x.endSession();
            x.respond(HttpResponseStatus.NOT_FOUND, HttpHeaderValues.APPLICATION_JSON, StatusFaults.utf8(
                    "{\"jsonrpc\":\"2.0\",\"id\":" + x.id() + ",\"error\":{\"code\":-32001,\"message\":"
                            + "\"Session not found (mcpload serve --fault)\"}}"));
        };
    }

    /** The same, answered 400 "No valid session ID provided", as the TypeScript SDK does. */
    static Fault expire400(String param) {
        FaultParams.none(param);
        return (x, next) -> {
            x.endSession();
            x.respond(HttpResponseStatus.BAD_REQUEST, HttpHeaderValues.APPLICATION_JSON, StatusFaults.utf8(
                    "{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32000,\"message\":"
                            + "\"Bad Request: No valid session ID provided (mcpload serve --fault)\"}}"));
        };
    }

    /** {@code initialize} answered with a JSON-RPC error, so no session opens (FRACTION is of sessions). */
    static Fault initRefused(String param) {
        FaultParams.none(param);
        return new Fault() {
            @Override
            public void apply(FaultExchange x, Runnable next) {
                x.answer(StatusFaults.utf8("{\"jsonrpc\":\"2.0\",\"id\":" + x.id() + ",\"error\":{\"code\":-32000,"
                        + "\"message\":\"initialize refused: no sessions for you (mcpload serve --fault)\"}}"));
            }

            @Override
            public boolean onInitialize() {
                return true;
            }
        };
    }
}
