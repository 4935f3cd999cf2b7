package dev.mcpload.protocol;

import io.netty.buffer.ByteBuf;
import java.util.List;
import java.util.Objects;

/**
 * What a transport needs to put one JSON-RPC request on the wire: its method, the headers an HTTP transport adds
 * for it, and its bytes with the id the session assigned. Transports, sessions and scenario steps know only this
 * interface; {@link RequestTemplate} is the constant implementation and the hot path (encoded once, only the id
 * written per send). Rules for every implementation: the same id gives the same bytes every time (a transport
 * writes a request again when it resends it after re-initializing its session), {@link #headers()} returns a list
 * the encoder holds rather than one built per call, and nothing here blocks.
 *
 * <p>Room left for what comes next, not built yet. A <b>templated</b> encoder (per-VU data: k6's {@code __VU} or a
 * data file row per VU, Gatling's feeder record per user) is bound once per virtual user through
 * {@link #forVu(int)}, which renders that VU's values and pre-encodes them, so a templated step costs the same
 * two array copies per send as a constant one; data that changes per iteration (k6's {@code __ITER}, a feeder
 * read on every loop) would be bound the same way one level down, per iteration, by the VU and never inside
 * {@code writeTo}, because of the resend rule above. An <b>era-aware</b> encoder for the 2026-07-28 (stateless)
 * era wraps another one: its bytes carry {@code _meta} in params and its {@link #headers()} answer
 * {@code Mcp-Method} and {@code Mcp-Name}; the session picks it when the handshake detects the era, so
 * transports keep calling only the methods below. Stdio has no headers and ignores them: what they say is in
 * the body as well.
 */
public interface RequestEncoder {
    /** A header an HTTP transport sends with this request, after the session and version headers. */
    record Header(CharSequence name, CharSequence value) {
        public Header {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
        }
    }

    /** What 2025-era requests add: nothing. */
    List<Header> NO_HEADERS = List.of();

    /** The JSON-RPC method, e.g. {@code tools/call}: for messages, timeouts and cancellation. */
    String method();

    /** The headers this request adds on HTTP; {@link #NO_HEADERS} for the 2025 era. Held, not built per call. */
    List<Header> headers();

    /** Writes the whole request with {@code id} into {@code buf} (sized by {@link #encodedLengthUpperBound()}). */
    void writeTo(ByteBuf buf, long id);

    /** At least the length of the request with any id, so a transport can size its buffer once. */
    int encodedLengthUpperBound();

    /** The whole request with {@code id}, as {@link #writeTo} writes it (for transports that write arrays). */
    byte[] toBytes(long id);

    /**
     * The encoder virtual user {@code vuIndex} (from 0) sends with, to be asked once when the VU starts and kept
     * for its life. A constant encoder answers itself. Nothing calls it yet: the VU will (one array beside its
     * per-step metrics) with the first encoder that answers anything else.
     */
    default RequestEncoder forVu(int vuIndex) {
        return this;
    }
}
