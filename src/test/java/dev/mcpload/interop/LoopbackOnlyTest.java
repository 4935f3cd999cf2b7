package dev.mcpload.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The peers listen on 127.0.0.1 only: tests must never listen on other interfaces. */
@Timeout(60)
class LoopbackOnlyTest {
    /** listen(0) and friends bind 127.0.0.1, and address() answers synchronously (what conformance needs). */
    @Test
    void thePreloadBindsLoopbackSynchronouslyOnNode20And22() throws Exception {
        Path node20 = Peers.requireServerEverything();
        Peers.requireConformance();
        String script = "const net=require('net');const out=[];"
                + "for (const f of [s=>s.listen(0), s=>s.listen(0,()=>{}), s=>s.listen({port:0}),"
                + " s=>s.listen(0,'0.0.0.0'), s=>s.listen(0,'::')]) {"
                + " const s=net.createServer(); f(s); const a=s.address(); out.push(a&&a.address); s.close(); }"
                + "console.log(out.join(' '));";
        for (Path node : List.of(node20, Peers.NODE_22)) {
            Process p = new ProcessBuilder(node.toString(), "-r", Peers.PRELOAD.toString(), "-e", script)
                    .redirectErrorStream(true).start();
            try {
                assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
                assertThat(p.exitValue()).as(out).isZero();
                assertThat(out).as("%s", node).isEqualTo("127.0.0.1 127.0.0.1 127.0.0.1 127.0.0.1 127.0.0.1");
            } finally {
                Peers.stop(p);
            }
        }
    }

    @Test
    void serverEverythingIsReachableOnLoopbackOnly() throws Exception {
        try (ServerEverything server = ServerEverything.start(ServerEverything.Mode.STREAMABLE_HTTP)) {
            assertThat(connects(InetAddress.getLoopbackAddress(), server.port)).isTrue();
            for (InetAddress other : nonLoopbackAddresses()) {
                assertThat(connects(other, server.port)).as("listening on %s", other).isFalse();
            }
        }
    }

    private static boolean connects(InetAddress address, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), 1_000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static List<InetAddress> nonLoopbackAddresses() throws IOException {
        List<InetAddress> result = new ArrayList<>();
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!nic.isUp() || nic.isLoopback()) {
                continue;
            }
            for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                if (address instanceof Inet4Address && !address.isLoopbackAddress()) {
                    result.add(address);
                }
            }
        }
        return result;
    }
}
