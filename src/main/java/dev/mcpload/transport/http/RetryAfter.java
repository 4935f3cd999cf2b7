package dev.mcpload.transport.http;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** The {@code Retry-After} header (RFC 9110 §10.2.3): delay-seconds or an HTTP-date, as a wait in ms. */
final class RetryAfter {
    /** Longer advice is taken as this: a run is over long before, and a VU told to stop stops anyway. */
    static final long MAX_MS = 3_600_000;

    private RetryAfter() {
    }

    /** The wait it asks for in ms (0 for a date in the past), or -1 when absent or unreadable. */
    static long parseMs(String value, long nowEpochMs) {
        if (value == null || value.isBlank()) {
            return -1;
        }
        String v = value.trim();
        if (v.chars().allMatch(Character::isDigit)) {
            try {
                return Math.min(MAX_MS, Math.multiplyExact(Long.parseLong(v), 1000L));
            } catch (ArithmeticException | NumberFormatException e) {
                return MAX_MS;
            }
        }
        try {
            long at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant().toEpochMilli();
            return Math.min(MAX_MS, Math.max(0, at - nowEpochMs));
        } catch (DateTimeParseException e) {
            return -1;
        }
    }
}
