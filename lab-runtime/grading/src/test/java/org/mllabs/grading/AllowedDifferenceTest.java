package org.mllabs.grading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class AllowedDifferenceTest {

    @Test
    void anAbsoluteDifferenceIsTheSameAroundEveryValue() {
        AllowedDifference allowed = AllowedDifference.absolute(0.04);

        assertThat(allowed.allows(0.85, 0.81)).isTrue();
        assertThat(allowed.allows(0.85, 0.889)).isTrue();
        assertThat(allowed.allows(0.85, 0.80)).isFalse();
        assertThat(allowed.allows(0.10, 0.15)).isFalse();
        assertThat(allowed).hasToString("±0.04");
    }

    @Test
    void aRelativeDifferenceIsAShareOfTheGradersValue() {
        AllowedDifference allowed = AllowedDifference.relative(0.16);

        assertThat(allowed.around(50)).isCloseTo(8, within(1e-9));
        assertThat(allowed.allows(50, 42.5)).isTrue();
        assertThat(allowed.allows(50, 41)).isFalse();
        assertThat(allowed.allows(-50, -57)).isTrue();
        assertThat(allowed).hasToString("±16%");
        assertThat(AllowedDifference.relative(0.025)).hasToString("±2.5%");
        assertThat(AllowedDifference.relative(1)).hasToString("±100%");
    }

    @Test
    void notANumberIsNeverAllowed() {
        assertThat(AllowedDifference.absolute(1).allows(0.5, Double.NaN)).isFalse();
        assertThat(AllowedDifference.relative(1).allows(Double.NaN, 0.5)).isFalse();
    }

    @Test
    void aNegativeAmountIsRefused() {
        assertThatThrownBy(() -> AllowedDifference.absolute(-0.1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AllowedDifference.relative(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }
}
