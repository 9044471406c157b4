/**
 * The grader of lab 12, signatures and real-time serving: {@link org.mllabs.graders.lab12.ServingGrader}, what it
 * reads ({@link org.mllabs.graders.lab12.ServingEvidence}) and the inference table's requests as it reads them
 * ({@link org.mllabs.graders.lab12.LoggedRequest}).
 */
package org.mllabs.graders.lab12;
