package org.mllabs.grading.evidence;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.ml.feature.SQLTransformer;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.expressions.Alias;
import org.apache.spark.sql.catalyst.expressions.Attribute;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.types.StructType;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Where each column a {@link SQLTransformer} writes comes from, read from the plan Spark's analyser makes of its
 * statement on data of the input schema, never from the statement's text or the column names.
 *
 * <p>A column the statement passes through untouched ({@code SELECT *}) keeps its input attribute and is not written.
 * Every other output column, new or replacing an input column of the same name, is written, and is made from the input
 * columns its expression references, through any number of nested queries, plus every input column a condition,
 * grouping or ordering of the statement references (a row filter or a grouping by the label shapes every value). An
 * output the plan makes some other way (a generator, an expansion) is made from every input column.
 */
final class SqlLineage {

    private final Map<Long, Set<String>> madeFrom = new HashMap<>();
    private final Map<Long, String> leaves = new HashMap<>();
    private final Set<String> context = new LinkedHashSet<>();

    private SqlLineage() {
    }

    /**
     * The columns the statement writes, each with the input columns it is made from, in the statement's order.
     *
     * @throws RuntimeException when Spark cannot analyse the statement on data of the schema
     */
    static Map<String, List<String>> of(SQLTransformer transformer, StructType input) {
        SparkSession spark = SparkSession.active();
        LogicalPlan plan = transformer.transform(spark.createDataFrame(List.<Row>of(), input))
                .queryExecution().analyzed();
        SqlLineage lineage = new SqlLineage();
        lineage.visit(plan);
        Set<String> inputs = Set.of(input.fieldNames());
        Set<String> allInputs = new LinkedHashSet<>(List.of(input.fieldNames()));
        Map<String, List<String>> written = new LinkedHashMap<>();
        for (Attribute output : CollectionConverters.asJava(plan.output())) {
            long id = output.exprId().id();
            if (output.name().equals(lineage.leaves.get(id))) {
                continue;
            }
            Set<String> from = new LinkedHashSet<>(lineage.madeFrom.getOrDefault(id, allInputs));
            from.addAll(lineage.context);
            written.put(output.name(), from.stream().filter(inputs::contains).toList());
        }
        return written;
    }

    private void visit(LogicalPlan node) {
        CollectionConverters.asJava(node.children()).forEach(this::visit);
        CollectionConverters.asJava(node.subqueries()).forEach(this::visit);
        if (node.children().isEmpty()) {
            for (Attribute attribute : CollectionConverters.asJava(node.output())) {
                leaves.put(attribute.exprId().id(), attribute.name());
                madeFrom.put(attribute.exprId().id(), Set.of(attribute.name()));
            }
        }
        for (Expression expression : CollectionConverters.asJava(node.expressions())) {
            if (expression instanceof Alias alias) {
                madeFrom.put(alias.exprId().id(), sourcesOf(alias));
            } else if (!(expression instanceof Attribute)) {
                context.addAll(sourcesOf(expression));
            }
        }
    }

    /** The input columns behind the attributes the expression references. */
    private Set<String> sourcesOf(Expression expression) {
        Set<String> sources = new LinkedHashSet<>();
        for (Attribute reference : CollectionConverters.asJava(expression.references().toSeq())) {
            sources.addAll(madeFrom.getOrDefault(reference.exprId().id(), Set.of(reference.name())));
        }
        return sources;
    }
}
