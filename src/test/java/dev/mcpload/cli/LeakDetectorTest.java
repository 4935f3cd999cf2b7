package dev.mcpload.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.util.ResourceLeakDetector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The command line turns Netty's sampling leak detector off, unless the user asked for a level. */
class LeakDetectorTest {
    private final ResourceLeakDetector.Level before = ResourceLeakDetector.getLevel();

    @AfterEach
    void restore() {
        System.clearProperty("io.netty.leakDetection.level");
        ResourceLeakDetector.setLevel(before); // the other tests run with leak detection on
    }

    @Test
    void offByDefault() {
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.SIMPLE);
        Main.quietLeakDetector();
        assertThat(ResourceLeakDetector.getLevel()).isEqualTo(ResourceLeakDetector.Level.DISABLED);
    }

    @Test
    void anExplicitLevelWins() {
        System.setProperty("io.netty.leakDetection.level", "paranoid");
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
        Main.quietLeakDetector();
        assertThat(ResourceLeakDetector.getLevel()).isEqualTo(ResourceLeakDetector.Level.PARANOID);
    }
}
