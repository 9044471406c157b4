package org.mllabs.cli.classroom;

/** A number of learners as the lab command writes it: {@code 1 learner was}, {@code 3 learners were}. */
public final class LearnerCount {

    private LearnerCount() {
    }

    /** The number and the noun: {@code 1 learner}, {@code 0 learners}. */
    public static String of(long count) {
        return count + (count == 1 ? " learner" : " learners");
    }

    /** The number, the noun and the verb that agrees with them: {@code 1 learner has}, {@code 2 learners have}. */
    public static String of(long count, String singularVerb, String pluralVerb) {
        return of(count) + " " + (count == 1 ? singularVerb : pluralVerb);
    }
}
