package org.mllabs.grading.delta;

import io.delta.kernel.Scan;
import io.delta.kernel.Snapshot;
import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.data.MapValue;
import io.delta.kernel.data.Row;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.engine.FileReadResult;
import io.delta.kernel.internal.InternalScanFileUtils;
import io.delta.kernel.internal.data.ScanStateRow;
import io.delta.kernel.internal.util.Utils;
import io.delta.kernel.types.BinaryType;
import io.delta.kernel.types.BooleanType;
import io.delta.kernel.types.ByteType;
import io.delta.kernel.types.DataType;
import io.delta.kernel.types.DateType;
import io.delta.kernel.types.DecimalType;
import io.delta.kernel.types.DoubleType;
import io.delta.kernel.types.FloatType;
import io.delta.kernel.types.IntegerType;
import io.delta.kernel.types.LongType;
import io.delta.kernel.types.MapType;
import io.delta.kernel.types.ShortType;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.StructField;
import io.delta.kernel.types.StructType;
import io.delta.kernel.types.TimestampNTZType;
import io.delta.kernel.types.TimestampType;
import io.delta.kernel.utils.CloseableIterator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One version of a Delta table, read with the Delta Kernel: its version, commit time, schema, table properties and
 * rows.
 *
 * <p>Rows come as plain Java values, column name to value, in the schema's column order: {@code String},
 * {@code Integer}, {@code Long}, {@code Double}, {@code Float}, {@code Short}, {@code Byte}, {@code Boolean},
 * {@code BigDecimal}, {@code byte[]}, {@code LocalDate} for dates, {@code Instant} for timestamps,
 * {@code LocalDateTime} for timestamps without time zone, a {@code Map} (in the table's entry order) for a map of
 * those, and {@code null}. Structs and arrays are not converted: reading a snapshot that has one fails with a message
 * naming it. Deleted rows (removed files,
 * deletion vectors) are left out, as any Delta reader does.
 */
public final class DeltaSnapshot {

    private final Engine engine;
    private final Snapshot snapshot;

    DeltaSnapshot(Engine engine, Snapshot snapshot) {
        this.engine = engine;
        this.snapshot = snapshot;
    }

    /** The table version. */
    public long version() {
        return snapshot.getVersion();
    }

    /**
     * When the version was committed, as Delta's time travel sees it: the in-commit timestamp if the table records
     * one, else the commit file's modification time.
     */
    public Instant timestamp() {
        return Instant.ofEpochMilli(snapshot.getTimestamp(engine));
    }

    /** The columns of the schema at this version, in order. */
    public List<DeltaColumn> columns() {
        return snapshot.getSchema().fields().stream()
                .map(field -> new DeltaColumn(field.getName(), field.getDataType().toString(), field.isNullable()))
                .toList();
    }

    /** The column names at this version, in order. */
    public List<String> columnNames() {
        return snapshot.getSchema().fieldNames();
    }

    /** The table properties ({@code TBLPROPERTIES}) at this version. */
    public Map<String, String> properties() {
        return Map.copyOf(snapshot.getTableProperties());
    }

    /** Every row of this version, as column name to value (see the class comment for the value types). */
    public List<Map<String, Object>> rows() {
        StructType schema = snapshot.getSchema();
        for (StructField field : schema.fields()) {
            converter(field);
        }
        Scan scan = snapshot.getScanBuilder().build();
        Row scanState = scan.getScanState(engine);
        StructType physicalSchema = ScanStateRow.getPhysicalDataReadSchema(scanState);
        List<Map<String, Object>> rows = new ArrayList<>();
        try (CloseableIterator<FilteredColumnarBatch> scanFiles = scan.getScanFiles(engine)) {
            while (scanFiles.hasNext()) {
                try (CloseableIterator<Row> files = scanFiles.next().getRows()) {
                    while (files.hasNext()) {
                        readFile(scanState, files.next(), physicalSchema, rows);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read version " + version() + " of " + snapshot.getPath(), e);
        }
        return Collections.unmodifiableList(rows);
    }

    private void readFile(Row scanState, Row scanFile, StructType physicalSchema, List<Map<String, Object>> rows)
            throws IOException {
        CloseableIterator<ColumnarBatch> physical = engine.getParquetHandler()
                .readParquetFiles(Utils.singletonCloseableIterator(InternalScanFileUtils.getAddFileStatus(scanFile)),
                        physicalSchema, Optional.empty())
                .map(FileReadResult::getData);
        try (CloseableIterator<FilteredColumnarBatch> logical =
                Scan.transformPhysicalData(engine, scanState, scanFile, physical)) {
            while (logical.hasNext()) {
                addRows(logical.next(), rows);
            }
        }
    }

    private static void addRows(FilteredColumnarBatch batch, List<Map<String, Object>> rows) {
        ColumnarBatch data = batch.getData();
        Optional<ColumnVector> selection = batch.getSelectionVector();
        List<StructField> fields = data.getSchema().fields();
        for (int row = 0; row < data.getSize(); row++) {
            if (selection.isPresent() && (selection.get().isNullAt(row) || !selection.get().getBoolean(row))) {
                continue;
            }
            Map<String, Object> values = new LinkedHashMap<>();
            for (int column = 0; column < fields.size(); column++) {
                ColumnVector vector = data.getColumnVector(column);
                values.put(fields.get(column).getName(),
                        vector.isNullAt(row) ? null : converter(fields.get(column)).value(vector, row));
            }
            rows.add(Collections.unmodifiableMap(values));
        }
    }

    /** Reads one cell of a column vector as a plain Java value. */
    private interface Converter {
        Object value(ColumnVector vector, int row);
    }

    private static Converter converter(StructField field) {
        return converter(field.getName(), field.getDataType());
    }

    private static Converter converter(String name, DataType type) {
        if (type instanceof MapType map) {
            Converter keys = converter(name + " key", map.getKeyType());
            Converter values = converter(name + " value", map.getValueType());
            return (vector, row) -> {
                MapValue value = vector.getMap(row);
                Map<Object, Object> entries = new LinkedHashMap<>();
                for (int i = 0; i < value.getSize(); i++) {
                    entries.put(keys.value(value.getKeys(), i), value.getValues().isNullAt(i) ? null
                            : values.value(value.getValues(), i));
                }
                return entries;
            };
        }
        if (type instanceof StringType) {
            return ColumnVector::getString;
        } else if (type instanceof IntegerType) {
            return ColumnVector::getInt;
        } else if (type instanceof LongType) {
            return ColumnVector::getLong;
        } else if (type instanceof DoubleType) {
            return ColumnVector::getDouble;
        } else if (type instanceof FloatType) {
            return ColumnVector::getFloat;
        } else if (type instanceof ShortType) {
            return ColumnVector::getShort;
        } else if (type instanceof ByteType) {
            return ColumnVector::getByte;
        } else if (type instanceof BooleanType) {
            return ColumnVector::getBoolean;
        } else if (type instanceof DecimalType) {
            return ColumnVector::getDecimal;
        } else if (type instanceof BinaryType) {
            return ColumnVector::getBinary;
        } else if (type instanceof DateType) {
            return (vector, row) -> LocalDate.ofEpochDay(vector.getInt(row));
        } else if (type instanceof TimestampType) {
            return (vector, row) -> microsToInstant(vector.getLong(row));
        } else if (type instanceof TimestampNTZType) {
            return (vector, row) -> LocalDateTime.ofInstant(microsToInstant(vector.getLong(row)), ZoneOffset.UTC);
        }
        throw new IllegalArgumentException("Column " + name + " has type " + type
                + ", which DeltaSnapshot does not convert to a plain Java value");
    }

    private static Instant microsToInstant(long micros) {
        return Instant.EPOCH.plusNanos(Math.multiplyExact(micros, 1000L));
    }
}
