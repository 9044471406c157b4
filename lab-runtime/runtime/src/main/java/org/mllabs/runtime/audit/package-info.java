/**
 * Refused operations, time-travel reads and model loads, recorded by the runtime rather than by a lab's code. {@link
 * org.mllabs.runtime.audit.AuditedDeltaWriter} (Delta appends) and {@link
 * org.mllabs.runtime.audit.AuditedCatalogRegistry} (the registry in catalog mode) carry out an operation themselves;
 * when it is refused they hand the refusal to the lab's {@link org.mllabs.runtime.audit.RefusalAudit}, which writes a
 * {@link org.mllabs.runtime.audit.RefusedOperation} (operation, target, time, exception class and message, details) to
 * the run {@value org.mllabs.runtime.audit.RefusalAudit#RUN_NAME}, and throw a
 * {@link org.mllabs.runtime.audit.RefusedOperationException} for the lab to catch. Likewise {@link
 * org.mllabs.runtime.audit.AuditedDeltaReader} carries out Delta time-travel reads and hands each, with the version it
 * resolved to, to the lab's {@link org.mllabs.runtime.audit.ReadAudit}, which writes a
 * {@link org.mllabs.runtime.audit.TimeTravelRead} to the run {@value org.mllabs.runtime.audit.ReadAudit#RUN_NAME}. And
 * the {@code SparkModels} of {@link org.mllabs.runtime.audit.LoadAudit#models} ({@code context.models()}) tell the
 * lab's {@link org.mllabs.runtime.audit.LoadAudit} of each model they loaded, which writes a
 * {@link org.mllabs.runtime.audit.ModelLoad} (the URI asked for, the registered model and the version it resolved to,
 * the source, the time) to the run {@value org.mllabs.runtime.audit.LoadAudit#RUN_NAME}.
 *
 * <p>Nothing in this package records an entry on request: only a wrapper that saw its own operation fail, or carried
 * out its own read or load, does. What this does not prevent: code in the lab's JVM can still reach the same classes by
 * reflection, or write a run and JSON artifacts of this shape through the REST API. A grader therefore takes an entry
 * as a claim to check against the primary sources (the Delta log and its versions, the registry's own records), never
 * as proof on its own.
 */
package org.mllabs.runtime.audit;
