package org.mllabs.runtime.lineage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ContentDigestTest {

    private static final List<String> COLUMNS = List.of("id", "city", "spend");

    private static Map<String, Object> row(Object id, Object city, Object spend) {
        Map<String, Object> row = new HashMap<>();
        row.put("id", id);
        row.put("city", city);
        row.put("spend", spend);
        return row;
    }

    @Test
    void isSixteenHexDigitsAndIgnoresRowOrder() {
        String digest = ContentDigest.of(COLUMNS, List.of(row(1, "Lyon", 2.5), row(2, null, 3.0)));
        assertThat(digest).matches("[0-9a-f]{16}");
        assertThat(ContentDigest.of(COLUMNS, List.of(row(2, null, 3.0), row(1, "Lyon", 2.5)))).isEqualTo(digest);
    }

    @Test
    void changesWithAValueARowOrAColumn() {
        String digest = ContentDigest.of(COLUMNS, List.of(row(1, "Lyon", 2.5), row(2, null, 3.0)));
        assertThat(ContentDigest.of(COLUMNS, List.of(row(1, "Lyon", 2.5), row(2, "unknown", 3.0))))
                .isNotEqualTo(digest);
        assertThat(ContentDigest.of(COLUMNS, List.of(row(1, "Lyon", 2.5)))).isNotEqualTo(digest);
        assertThat(ContentDigest.of(List.of("id", "city"), List.of(row(1, "Lyon", 2.5), row(2, null, 3.0))))
                .isNotEqualTo(digest);
        assertThat(ContentDigest.of(COLUMNS, List.of(row(1, "Lyon", 2.5), row(2, null, 3.0), row(2, null, 3.0))))
                .isNotEqualTo(digest);
    }

    @Test
    void readsTheSameValueInEveryJavaTypeAReaderGivesIt() {
        assertThat(ContentDigest.canonical(7)).isEqualTo(ContentDigest.canonical(7L));
        assertThat(ContentDigest.canonical((short) 7)).isEqualTo("7");
        assertThat(ContentDigest.canonical(2.5f)).isEqualTo(ContentDigest.canonical(2.5d));
        Instant instant = Instant.parse("2024-03-01T10:15:30.123Z");
        assertThat(ContentDigest.canonical(java.sql.Timestamp.from(instant)))
                .isEqualTo(ContentDigest.canonical(instant));
        LocalDate day = LocalDate.of(2024, 3, 1);
        assertThat(ContentDigest.canonical(java.sql.Date.valueOf(day))).isEqualTo(ContentDigest.canonical(day));
        assertThat(ContentDigest.canonical(null)).isEqualTo("null");
        assertThat(ContentDigest.canonical(new byte[] {1, 15})).isEqualTo("010f");
    }
}
