package org.mllabs.runtime.datasets;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * How values are written into the CSV files, the same on every JVM: decimals from the exact binary value with
 * half-even rounding (not {@code Double.toString}, whose digits changed between JDK releases), timestamps in UTC
 * with whole seconds, dates in ISO form.
 */
final class CsvCells {

    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    private CsvCells() {
    }

    /** A decimal with this many digits after the point, such as {@code 64.35}. */
    static String decimal(double value, int scale) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("Not a finite number: " + value);
        }
        return new BigDecimal(value).setScale(scale, RoundingMode.HALF_EVEN).toPlainString();
    }

    /** The value rounded as {@link #decimal(double, int)} writes it, so formulas use what the file holds. */
    static double rounded(double value, int scale) {
        return Double.parseDouble(decimal(value, scale));
    }

    /** A whole number. */
    static String integer(int value) {
        return Integer.toString(value);
    }

    /** An instant, such as {@code 2024-03-05T14:23:07Z}. */
    static String timestamp(Instant value) {
        return TIMESTAMP.format(value);
    }

    /** A date, such as {@code 2024-03-05}. */
    static String date(LocalDate value) {
        return value.toString();
    }

    /** Text, which must need no quoting: no comma, quote or line break, and not empty (empty means missing). */
    static String text(String value) {
        if (value.isEmpty() || value.chars().anyMatch(c -> c == ',' || c == '"' || c == '\n' || c == '\r')) {
            throw new IllegalArgumentException("Text that would need quoting in a CSV cell: '" + value + "'");
        }
        return value;
    }
}
