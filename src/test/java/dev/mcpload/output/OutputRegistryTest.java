package dev.mcpload.output;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpload.report.Style;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputRegistryTest {
    @TempDir
    Path dir;

    @Test
    void theRegistryListsEveryOutputOnceAndMakesEach() {
        List<String> names = OutputRegistry.kinds().stream().map(OutputRegistry.Kind::name).toList();
        assertThat(names).doesNotHaveDuplicates().containsExactlyInAnyOrder("live", "progress", "summary", "json", "csv",
                "json-lines", "hdr", "otlp", "html");
        assertThat(OutputRegistry.kinds()).allSatisfy(k -> assertThat(k.help()).isNotBlank());
        OutputContext context = new OutputContext(new PrintStream(new ByteArrayOutputStream(), true,
                StandardCharsets.UTF_8), new Style(false), dir, null);
        for (String name : names) {
            String target = List.of("csv", "json-lines", "hdr").contains(name) ? dir.resolve(name).toString()
                    : name.equals("otlp") ? "http://127.0.0.1:4318" : null;
            assertThat(OutputRegistry.create(new OutputSpec(name, target), context)).isNotNull();
        }
        assertThat(OutputRegistry.outNames()).containsExactly("json", "csv", "json-lines", "hdr", "otlp", "html");
    }

    @Test
    void outTakesOnlyTheExportsAndSaysWhichItKnows() {
        assertThat(OutputRegistry.checkOut(OutputSpec.parse("json"))).isNull();
        assertThat(OutputRegistry.checkOut(OutputSpec.parse("json=out/r.json"))).isNull();
        assertThat(OutputRegistry.checkOut(OutputSpec.parse("nope")))
                .isEqualTo("--out nope: unknown output 'nope' (known: json, csv, json-lines, hdr, otlp, html; e.g. --out json=report.json)");
        assertThat(OutputRegistry.checkOut(OutputSpec.parse("live=x"))).startsWith("--out live=x: 'live' is not")
                .contains("known: json");
    }

    @Test
    void aSpecIsSplitAtTheFirstEquals() {
        assertThat(OutputSpec.parse("json=a=b.json")).isEqualTo(new OutputSpec("json", "a=b.json"));
        assertThat(OutputSpec.parse("json")).isEqualTo(new OutputSpec("json", null));
        assertThat(OutputSpec.parse("json=").target()).isEmpty();
    }
}
