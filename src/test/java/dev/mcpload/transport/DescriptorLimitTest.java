package dev.mcpload.transport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpload.protocol.ErrorClass;
import dev.mcpload.protocol.McpException;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/**
 * The OS refusing a socket for lack of descriptors (EMFILE) is recognised through Netty's wrapping ("Unable to
 * create Channel from class …", caused by "Too many open files"), said with the numbers and what to do, and
 * counted as the generator's failure (issue 17), not as a connection error of the server.
 */
class DescriptorLimitTest {
    @Test
    void aRefusedSocketIsRecognisedThroughItsCauses() {
        Exception netty = new IllegalStateException("Unable to create Channel from class NioSocketChannel",
                new RuntimeException("wrapped", new IOException("Too many open files")));
        assertThat(DescriptorLimit.exhausted(netty)).isTrue();
        assertThat(DescriptorLimit.exhausted(new IOException("Connection refused"))).isFalse();
    }

    @Test
    void aRefusedSocketFailsItsRequestAsTheGeneratorsNotAsAConnectionError() {
        IOException emfile = new IOException("Too many open files");
        McpException e = DescriptorLimit.refused("cannot connect to http://127.0.0.1:1/mcp", emfile);
        assertThat(e.errorClass()).isEqualTo(ErrorClass.GENERATOR);
        assertThat(e.getMessage()).startsWith("cannot connect to http://127.0.0.1:1/mcp: the OS refused a new socket"
                + " (Too many open files): ").endsWith("this is the load generator's limit, not the server's");
        assertThat(e.getCause()).isSameAs(emfile);
    }

    @Test
    void itSaysTheLimitAndThatItIsTheGeneratorsNotTheServers() {
        String s = DescriptorLimit.describe();
        assertThat(s).startsWith("the OS refused a new socket (Too many open files)").contains("ulimit -n")
                .contains("not the server's");
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean u) {
            assertThat(s).contains("the limit (ulimit -n) is " + u.getMaxFileDescriptorCount());
        }
    }
}
