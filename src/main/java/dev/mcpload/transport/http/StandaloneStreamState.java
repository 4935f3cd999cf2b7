package dev.mcpload.transport.http;

/** Where a Streamable HTTP session's standalone GET event stream is. */
public enum StandaloneStreamState {
    /** Not yet asked for (the session is not initialized). */
    NOT_OPENED,
    /** {@code standaloneStream} is off in the client options. */
    DISABLED,
    /** The GET is under way. */
    OPENING,
    /** The server answered with an event stream, held open. */
    OPEN,
    /** The server has none (405, or 404/400 on GET), now or for an earlier session of the same client. */
    ABSENT,
    /** It was open or asked for and is gone: closed with the session, or dropped and not reopened (yet). */
    ENDED
}
