package org.mllabs.grading.evidence;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.feature.SQLTransformer;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.analysis.ExpressionWithUnresolvedIdentifier;
import org.apache.spark.sql.catalyst.analysis.ResolvedInlineTable;
import org.apache.spark.sql.catalyst.analysis.UnresolvedFunction;
import org.apache.spark.sql.catalyst.analysis.UnresolvedRelation;
import org.apache.spark.sql.catalyst.expressions.Alias;
import org.apache.spark.sql.catalyst.expressions.Attribute;
import org.apache.spark.sql.catalyst.expressions.CallMethodViaReflection;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.PlanExpression;
import org.apache.spark.sql.catalyst.expressions.RuntimeReplaceable;
import org.apache.spark.sql.catalyst.expressions.SchemaOfXml;
import org.apache.spark.sql.catalyst.expressions.TryReflect;
import org.apache.spark.sql.catalyst.expressions.UserDefinedExpression;
import org.apache.spark.sql.catalyst.expressions.UserDefinedGenerator;
import org.apache.spark.sql.catalyst.expressions.XmlToStructs;
import org.apache.spark.sql.catalyst.plans.QueryPlan;
import org.apache.spark.sql.catalyst.plans.logical.CTERelationRef;
import org.apache.spark.sql.catalyst.plans.logical.Command;
import org.apache.spark.sql.catalyst.plans.logical.LocalRelation;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.plans.logical.OneRowRelation;
import org.apache.spark.sql.catalyst.plans.logical.UnresolvedWith;
import org.apache.spark.sql.classic.SparkSession;
import org.apache.spark.sql.execution.CommandExecutionMode;
import org.apache.spark.sql.types.StructType;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The statements of a learner's {@link SQLTransformer} stages, checked before the grading process lets Spark analyse
 * or run them: Spark SQL can call Java methods ({@code reflect}, {@code java_method}, {@code try_reflect}), read files
 * ({@code SELECT * FROM text.`/path`}), tables and catalog views, run scripts ({@code TRANSFORM ... USING}), execute
 * commands and user-defined functions, and the grading process holds the grading seed, the administrator's
 * credentials and every learner's work. A statement may only compute columns of {@code __THIS__} (and of its own
 * common table expressions and inline {@code VALUES}) with Spark's built-in functions.
 *
 * <p>Each statement is checked twice, never executed: as parsed, against the query clauses a transformer's statement
 * needs, the relation {@code __THIS__} and the functions that call Java or parse XML (which may resolve external
 * entities), never a function named by an expression ({@code IDENTIFIER(...)}), before Spark resolves a relation
 * (resolving a file relation reads the file); then, on the schema the stage receives, as Spark's analyser resolves it,
 * through every subquery and every function's replacement: no reflection, no user-defined function, no relation but the
 * rows it is handed, no command, no script, and, when scoring, no reading of the column that carries the rows' labels
 * past the model.
 */
final class SqlStatementCheck {

    private static final String THIS = "__THIS__";

    /** The plan nodes of a parsed query that computes columns of the rows it is given. */
    private static final Set<String> QUERY_CLAUSES = Set.of("Project", "Filter", "Aggregate", "UnresolvedHaving",
            "Sort", "GlobalLimit", "LocalLimit", "Offset", "Tail", "Distinct", "Deduplicate", "Union", "Intersect",
            "Except", "Join", "LateralJoin", "SubqueryAlias", "Generate", "WithWindowDefinition", "Window",
            "UnresolvedWith", "UnresolvedSubqueryColumnAliases", "UnresolvedInlineTable", "LocalRelation",
            "OneRowRelation", "UnresolvedRelation", "RepartitionByExpression", "Repartition", "RebalancePartitions",
            "Sample", "UnresolvedHint", "Pivot", "Unpivot", "Expand");

    /** Built-in functions that call Java methods or parse XML, refused by name before analysis. */
    private static final Set<String> REFUSED_FUNCTIONS = Set.of("reflect", "java_method", "try_reflect", "xpath",
            "xpath_boolean", "xpath_double", "xpath_float", "xpath_int", "xpath_long", "xpath_number", "xpath_short",
            "xpath_string", "from_xml", "schema_of_xml");

    private SqlStatementCheck() {
    }

    /**
     * Refuses a model one of whose statements, as parsed, does more than compute columns of {@code __THIS__}.
     *
     * @param model a pipeline or a single transformer
     * @param source where the model comes from, for the message
     * @throws UnscorableModelException naming the stage and what its statement may not do
     */
    static void requireParsedSafe(Transformer model, String source) {
        List<Transformer> stages = stages(model);
        for (int i = 0; i < stages.size(); i++) {
            if (stages.get(i) instanceof SQLTransformer sql) {
                refuse(source, i, parsedProblems(sql.getStatement()));
            }
        }
    }

    /**
     * Refuses a model one of whose statements, as parsed, or as Spark analyses it on the schema the stage receives,
     * does more than compute columns of {@code __THIS__}. The walk through the stages ends at the first stage that
     * cannot take the schema it receives, where transforming the data would end too.
     *
     * @param model a pipeline or a single transformer
     * @param input the schema of the data the model is handed
     * @param heldBack a column of that data the model must not read, beyond passing it on
     * @param source where the model comes from, for the message
     * @throws UnscorableModelException naming the stage and what its statement may not do
     */
    static void requireSafe(Transformer model, StructType input, Optional<String> heldBack, String source) {
        requireParsedSafe(model, source);
        List<Transformer> stages = stages(model);
        StructType schema = input;
        for (int i = 0; i < stages.size(); i++) {
            Transformer stage = stages.get(i);
            if (stage instanceof SQLTransformer sql) {
                Optional<LogicalPlan> analysed = analysed(sql.getStatement(), schema);
                if (analysed.isEmpty()) {
                    return;
                }
                refuse(source, i, analysedProblems(analysed.get(), heldBack));
            }
            try {
                schema = stage.transformSchema(schema);
            } catch (RuntimeException e) {
                return;
            }
        }
    }

    private static void refuse(String source, int position, Set<String> problems) {
        if (!problems.isEmpty()) {
            throw new UnscorableModelException(source + " has a SQLTransformer (stage " + (position + 1) + ") whose "
                    + "statement uses " + String.join(", ", problems) + ", which the grader does not run: a "
                    + "SQLTransformer may only compute columns of __THIS__ with Spark's built-in functions");
        }
    }

    private static List<Transformer> stages(Transformer model) {
        return model instanceof PipelineModel pipeline ? PipelineStages.flatten(pipeline) : List.of(model);
    }

    private static Set<String> parsedProblems(String statement) {
        LogicalPlan parsed;
        try {
            parsed = SparkSession.active().sessionState().sqlParser().parsePlan(statement);
        } catch (Exception e) {
            return Set.of("a statement Spark cannot parse as a query");
        }
        Set<String> ctes = new LinkedHashSet<>();
        walk(parsed, node -> {
            if (node instanceof UnresolvedWith with) {
                CollectionConverters.asJava(with.cteRelations())
                        .forEach(cte -> ctes.add(cte._1().toLowerCase(Locale.ROOT)));
            }
        }, expression -> { });
        Set<String> problems = new LinkedHashSet<>();
        walk(parsed, node -> {
            String clause = node.getClass().getSimpleName();
            if (node instanceof UnresolvedRelation relation) {
                List<String> name = CollectionConverters.asJava(relation.multipartIdentifier());
                boolean allowed = name.size() == 1
                        && (name.get(0).equals(THIS) || ctes.contains(name.get(0).toLowerCase(Locale.ROOT)));
                if (!allowed) {
                    problems.add("the relation " + String.join(".", name));
                }
            } else if (!QUERY_CLAUSES.contains(clause)) {
                problems.add("a " + clause + " clause");
            }
        }, expression -> {
            if (expression instanceof ExpressionWithUnresolvedIdentifier) {
                problems.add("a function named by IDENTIFIER(...)");
            } else if (expression instanceof UnresolvedFunction function) {
                List<String> name = CollectionConverters.asJava(function.nameParts());
                String last = name.get(name.size() - 1).toLowerCase(Locale.ROOT);
                if (REFUSED_FUNCTIONS.contains(last)) {
                    problems.add("the function " + last);
                }
            }
        });
        return problems;
    }

    /** The statement as Spark analyses it on rows of the schema; empty when it cannot. */
    private static Optional<LogicalPlan> analysed(String statement, StructType schema) {
        SparkSession spark = SparkSession.active();
        String view = THIS + UUID.randomUUID().toString().replace("-", "");
        spark.createDataFrame(List.<Row>of(), schema).createOrReplaceTempView(view);
        try {
            LogicalPlan parsed = spark.sessionState().sqlParser().parsePlan(statement.replace(THIS, view));
            return Optional.of(spark.sessionState().executePlan(parsed, CommandExecutionMode.SKIP()).analyzed());
        } catch (Exception e) {
            return Optional.empty();
        } finally {
            spark.catalog().dropTempView(view);
        }
    }

    private static Set<String> analysedProblems(LogicalPlan analysed, Optional<String> heldBack) {
        Set<String> problems = new LinkedHashSet<>();
        walk(analysed, node -> {
            if (node instanceof Command) {
                problems.add("a command (" + node.nodeName() + ")");
            } else if (node.getClass().getSimpleName().contains("ScriptTransformation")) {
                problems.add("a script (TRANSFORM ... USING)");
            } else if (node.children().isEmpty() && !(node instanceof LocalRelation)
                    && !(node instanceof OneRowRelation) && !(node instanceof ResolvedInlineTable)
                    && !(node instanceof CTERelationRef)) {
                problems.add("the relation " + node.nodeName());
            }
            if (heldBack.isPresent()) {
                for (Expression expression : CollectionConverters.asJava(node.expressions())) {
                    if (!passedOn(expression) && references(expression, heldBack.get())) {
                        problems.add("the column that carries the rows' labels past the model");
                    }
                }
            }
        }, expression -> {
            if (expression instanceof CallMethodViaReflection || expression instanceof TryReflect) {
                problems.add("reflection (reflect, java_method, try_reflect), which calls Java methods");
            } else if (expression instanceof UserDefinedExpression || expression instanceof UserDefinedGenerator
                    || expression.getClass().getSimpleName().matches(".*UD[AT]?F.*")) {
                problems.add("a user-defined function (" + expression.prettyName() + ")");
            } else if (expression instanceof XmlToStructs || expression instanceof SchemaOfXml
                    || expression.getClass().getPackageName().endsWith(".expressions.xml")) {
                problems.add("an XML parser (" + expression.prettyName() + ")");
            }
        });
        return problems;
    }

    /** Whether the expression passes a column on as it is: the column itself, or aliased to its own name. */
    private static boolean passedOn(Expression expression) {
        return expression instanceof Attribute || expression instanceof Alias alias
                && alias.child() instanceof Attribute attribute && attribute.name().equals(alias.name());
    }

    /** Whether the expression reads the column, outside the plans of its subqueries, which are checked on their own. */
    private static boolean references(Expression expression, String column) {
        return CollectionConverters.asJava(expression.references().toSeq()).stream()
                .anyMatch(attribute -> attribute.name().equalsIgnoreCase(column));
    }

    /** What is done with each node of a plan. */
    private interface NodeVisitor {
        void visit(LogicalPlan node);
    }

    /** What is done with each expression of a plan. */
    private interface ExpressionVisitor {
        void visit(Expression expression);
    }

    /** Every node of the plan, its inner plans and the plans of its subqueries, and every expression in them. */
    private static void walk(LogicalPlan node, NodeVisitor nodes, ExpressionVisitor expressions) {
        nodes.visit(node);
        CollectionConverters.asJava(node.expressions()).forEach(expression -> walk(expression, nodes, expressions));
        CollectionConverters.asJava(node.children()).forEach(child -> walk(child, nodes, expressions));
        for (QueryPlan<?> inner : CollectionConverters.asJava(node.innerChildren())) {
            if (inner instanceof LogicalPlan plan) {
                walk(plan, nodes, expressions);
            }
        }
    }

    private static void walk(Expression expression, NodeVisitor nodes, ExpressionVisitor expressions) {
        expressions.visit(expression);
        CollectionConverters.asJava(expression.children()).forEach(child -> walk(child, nodes, expressions));
        if (expression instanceof PlanExpression<?> subquery && subquery.plan() instanceof LogicalPlan plan) {
            walk(plan, nodes, expressions);
        }
        if (expression instanceof RuntimeReplaceable replaceable && expression.resolved()) {
            walk(replaceable.replacement(), nodes, expressions);
        }
    }
}
