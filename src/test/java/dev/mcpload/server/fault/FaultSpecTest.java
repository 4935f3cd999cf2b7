package dev.mcpload.server.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code --fault NAME[:PARAM][@FRACTION]}: what it reads, and the one paragraph it says about bad input. */
class FaultSpecTest {
    @Test
    void readsNameParamAndFraction() {
        assertThat(FaultSpec.parse("http500")).isEqualTo(new FaultSpec("http500", null, 1));
        assertThat(FaultSpec.parse("http500@0.1")).isEqualTo(new FaultSpec("http500", null, 0.1));
        assertThat(FaultSpec.parse("stall:5s@0.01")).isEqualTo(new FaultSpec("stall", "5s", 0.01));
        assertThat(FaultSpec.parse("HTTP503:empty")).isEqualTo(new FaultSpec("http503", "empty", 1));
        assertThat(FaultSpec.parse("jsonrpc-error:-32042@1").toString()).isEqualTo("jsonrpc-error:-32042");
    }

    @Test
    void everyModeParsesWithItsDefault() {
        for (FaultRegistry.Mode m : FaultRegistry.modes()) {
            assertThat(FaultSpec.parse(m.name() + "@0.5").create()).as(m.name()).isNotNull();
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "bogus@0.1           | there is no fault mode 'bogus'",
        "http500@0           | '0' is not a fraction",
        "http500@1.5         | '1.5' is not a fraction",
        "http500@x           | 'x' is not a fraction",
        "latency:5           | '5' is not a duration: give a unit",
        "latency:fast        | 'fast' is not a duration",
        "http500:loud        | 'loud' is not a PARAM it takes: only 'empty' is",
        "never:1s            | it takes no PARAM (never: never answer",
        "oversized:lots      | 'lots' is not a size",
        "http429:-1          | '-1' is not a whole number between 0 and 3600",
        "@0.5                | a fault needs a mode name"})
    void badInputIsOneParagraphNamingTheFlagAndTheModes(String text, String what) {
        assertThatThrownBy(() -> FaultSpec.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("--fault '" + text + "': ")
                .hasMessageContaining(what)
                .hasMessageContaining("A fault is NAME[:PARAM][@FRACTION]")
                .hasMessageContaining(String.join(", ", FaultRegistry.names()))
                .hasMessageNotContaining("\n")
                .hasMessageNotContaining("Exception");
    }

    @ParameterizedTest
    @ValueSource(strings = {"200ms", "5s", "1.5s", "0ms"})
    void durationsTakeAUnit(String d) {
        assertThat(FaultParams.durationMs(d)).isBetween(0L, 5_000L);
    }

    @Test
    void sizesTakeKAndM() {
        assertThat(FaultParams.bytes("8m")).isEqualTo(8L << 20);
        assertThat(FaultParams.bytes("8MiB")).isEqualTo(8L << 20);
        assertThat(FaultParams.bytes("512k")).isEqualTo(512L << 10);
        assertThat(FaultParams.bytes("1000")).isEqualTo(1000);
    }

    /** Faults cost nothing when none is configured: there is no chain at all, and the server checks for null. */
    @Test
    void noFaultsMakeNoChain() {
        assertThat(FaultChain.of(List.of(), 1, false)).isNull();
        assertThat(FaultChain.of(List.of(), 1, true)).isNull();
        // and a chain only holds the faults of its kind of request
        List<FaultSpec> onlyInit = List.of(FaultSpec.parse("init-refused@0.5"));
        assertThat(FaultChain.of(onlyInit, 1, false)).isNull();
        assertThat(FaultChain.of(onlyInit, 1, true)).isNotNull();
    }

    @Test
    void theRegistryNamesEachModeOnceWithHelp() {
        assertThat(FaultRegistry.names()).doesNotHaveDuplicates().hasSizeGreaterThanOrEqualTo(24);
        for (FaultRegistry.Mode m : FaultRegistry.modes()) {
            assertThat(m.usage()).startsWith(m.name());
            assertThat(m.help()).isNotBlank().doesNotContain("%");
            assertThat(m.help().length()).as(m.help()).isLessThanOrEqualTo(FaultRegistry.HELP_WIDTH);
        }
    }
}
