package org.mllabs.runtime.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.Logger;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.logging.log4j.core.config.Property;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The hint Python's {@code infer_signature} gives for whole-number inputs, given once per JVM by the inference. */
class IntegerColumnHintTest {

    private static final StructType PREDICTION = new StructType().add("prediction", DataTypes.DoubleType);

    private final Recorder recorder = new Recorder();
    private Logger logger;

    @BeforeEach
    void listen() {
        IntegerColumnHint.reset();
        Configurator.setLevel(ModelSignature.class.getName(), Level.WARN);
        logger = (Logger) LogManager.getLogger(ModelSignature.class);
        recorder.start();
        logger.addAppender(recorder);
    }

    @AfterEach
    void stopListening() {
        logger.removeAppender(recorder);
        recorder.stop();
        IntegerColumnHint.reset();
    }

    @Test
    void wholeNumberInputsGetMlflowsHintOnceWithTheirColumns() {
        StructType inputs = new StructType().add("tenure_months", DataTypes.LongType)
                .add("monthly_charges", DataTypes.DoubleType).add("zip", DataTypes.IntegerType)
                .add("contract", DataTypes.StringType);

        ModelSignature.infer(inputs, PREDICTION);
        ModelSignature.infer(inputs, PREDICTION);

        assertThat(recorder.events).singleElement().satisfies(event -> {
            assertThat(event.level()).isEqualTo(Level.WARN);
            assertThat(event.message()).contains("[tenure_months, zip]")
                    .endsWith(IntegerColumnHint.MLFLOW_HINT)
                    .contains("Hint: Inferred schema contains integer column(s).");
        });
    }

    @Test
    void inputsWithoutWholeNumbersGetNoHintAndLeaveItForALaterSignature() {
        ModelSignature.infer(new StructType().add("support_calls", DataTypes.DoubleType)
                .add("contract", DataTypes.StringType), new StructType().add("label", DataTypes.LongType));

        assertThat(recorder.events).isEmpty();

        ModelSignature.infer(new StructType().add("bedrooms", DataTypes.LongType), PREDICTION);

        assertThat(recorder.events).singleElement()
                .satisfies(event -> assertThat(event.message()).contains("[bedrooms]"));
    }

    @Test
    void theColumnsAreTheTopLevelIntegerAndLongInputs() {
        StructType inputs = new StructType().add("n", DataTypes.IntegerType).add("s16", DataTypes.ShortType)
                .add("id", DataTypes.LongType).add("d", DataTypes.DoubleType)
                .add("ids", DataTypes.createArrayType(DataTypes.LongType));

        assertThat(IntegerColumnHint.wholeNumberColumns(inputs)).containsExactly("n", "s16", "id");
    }

    /** A log event as recorded: its level and formatted message. */
    private record Recorded(Level level, String message) {
    }

    /** Keeps the events logged to it. */
    private static final class Recorder extends AbstractAppender {

        private final List<Recorded> events = new ArrayList<>();

        Recorder() {
            super("recorder", null, null, true, Property.EMPTY_ARRAY);
        }

        @Override
        public void append(LogEvent event) {
            events.add(new Recorded(event.getLevel(), event.getMessage().getFormattedMessage()));
        }
    }
}
