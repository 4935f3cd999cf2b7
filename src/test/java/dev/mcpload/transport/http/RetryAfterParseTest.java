package dev.mcpload.transport.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class RetryAfterParseTest {
    @Test
    void secondsDatesAndNonsense() {
        long now = Instant.parse("2026-12-02T08:00:00Z").toEpochMilli();
        assertThat(RetryAfter.parseMs("3", now)).isEqualTo(3000);
        assertThat(RetryAfter.parseMs(" 0 ", now)).isZero();
        assertThat(RetryAfter.parseMs("Wed, 02 Dec 2026 08:00:05 GMT", now)).isEqualTo(5000);
        assertThat(RetryAfter.parseMs("Wed, 02 Dec 2026 07:00:00 GMT", now)).isZero();
        assertThat(RetryAfter.parseMs("99999999999999999999", now)).isEqualTo(RetryAfter.MAX_MS);
        assertThat(RetryAfter.parseMs("soon", now)).isEqualTo(-1);
        assertThat(RetryAfter.parseMs(null, now)).isEqualTo(-1);
    }
}
