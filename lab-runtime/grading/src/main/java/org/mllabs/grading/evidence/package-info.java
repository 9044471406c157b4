/**
 * What graders read of a learner's work from the outside: {@link org.mllabs.grading.evidence.LearnerRuns} holds one
 * lab's experiment, runs, metric histories, artifacts and logged models, read once per grade;
 * {@link org.mllabs.grading.evidence.LoggedSignature} reads the signature a logged model declares;
 * {@link org.mllabs.grading.evidence.PipelineStages} reads a logged pipeline's stages and the columns between them;
 * {@link org.mllabs.grading.evidence.RecordedSplit} is the training split a run recorded, checked against the dataset;
 * {@link org.mllabs.grading.evidence.SplitAuc} is the AUC a model scores on a side of a recorded split;
 * {@link org.mllabs.grading.evidence.FeatureSources} refuses a pipeline whose predicting stages are fed by the label or
 * by columns they may not read;
 * {@link org.mllabs.grading.evidence.KeyedSplit} counts the classes of a split the learner names by row keys;
 * {@link org.mllabs.grading.evidence.SignatureBoundModel} is the one path a learner's model is scored by, handed only
 * its signature's inputs ({@link org.mllabs.grading.evidence.UnscorableModelException} when it cannot score so, or when
 * a SQLTransformer's statement does more than {@link org.mllabs.grading.evidence.SqlStatementCheck} lets a grader run;
 * {@link org.mllabs.grading.evidence.ModelFault} tells the model's failures from the environment's);
 * {@link org.mllabs.grading.evidence.SplitMetric} sets a reported test metric beside the grader's on both sides of the
 * recorded split; {@link org.mllabs.grading.evidence.HeldOutAuc} is the area under the ROC curve a model scores on
 * held-out rows; {@link org.mllabs.grading.evidence.RecordedRefusals} are the refused operations the runtime recorded
 * while the lab ran, {@link org.mllabs.grading.evidence.RecordedReads} the Delta time-travel reads it recorded and
 * {@link org.mllabs.grading.evidence.RecordedLoads} the models it recorded loading, with the versions they resolved to;
 * {@link org.mllabs.grading.evidence.LogisticRefit} refits a logistic regression with a candidate's params.
 */
package org.mllabs.grading.evidence;
