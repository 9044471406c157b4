package org.mllabs.runtime.mlflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.mlflow.api.proto.Service.Metric;

class MetricClockTest {

    private final MetricClock clock = new MetricClock();

    @Test
    void valuesLoggedOverStepsWithOneTimestampGetIncreasingOnes() {
        List<Long> timestamps = LongStream.range(0, 4).mapToObj(step -> clock.timestamp("run", "loss", step, 1000))
                .toList();

        assertThat(timestamps).containsExactly(1000L, 1001L, 1002L, 1003L);
    }

    @Test
    void increasingTimestampsAreKeptAsGiven() {
        assertThat(List.of(clock.timestamp("run", "loss", 0, 1000), clock.timestamp("run", "loss", 1, 1500),
                clock.timestamp("run", "loss", 2, 2500))).containsExactly(1000L, 1500L, 2500L);
    }

    @Test
    void eachMetricOfEachRunKeepsItsOwnClockAndARepeatedStepItsTimestamp() {
        clock.timestamp("run", "loss", 0, 1000);
        clock.timestamp("run", "loss", 1, 1000);

        assertThat(clock.timestamp("run", "auc", 1, 1000)).isEqualTo(1000);
        assertThat(clock.timestamp("other", "loss", 1, 1000)).isEqualTo(1000);
        assertThat(clock.timestamp("run", "loss", 1, 1000)).isEqualTo(1000);
    }

    @Test
    void aBatchMetricIsRestampedOnlyWhenItsTimestampWouldNotIncrease() {
        Metric first = Metric.newBuilder().setKey("loss").setValue(0.7).setTimestamp(1000).setStep(0).build();
        Metric second = first.toBuilder().setValue(0.5).setStep(1).build();

        assertThat(clock.stamped("run", first)).isSameAs(first);
        assertThat(clock.stamped("run", second)).isEqualTo(second.toBuilder().setTimestamp(1001).build());
    }
}
