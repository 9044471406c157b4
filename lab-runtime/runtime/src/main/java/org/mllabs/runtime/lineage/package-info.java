/**
 * Dataset lineage: {@link org.mllabs.runtime.lineage.ContentDigest} fingerprints the rows of a table version, so that a
 * run's dataset input can name the data it trained on in a way a grader recomputes from the table itself.
 */
package org.mllabs.runtime.lineage;
