package org.mllabs.grading;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.mllabs.runtime.LearnerId;
import org.mllabs.runtime.server.MlflowServer;

/** The evidence a grade shares between its checks. */
class GradingContextTest {

    /** More types than a fresh hash table has bins, so that two of them must share one. */
    private static final List<Class<?>> TYPES = List.of(Object.class, StringBuilder.class, StringBuffer.class,
            java.util.ArrayList.class, java.util.LinkedList.class, java.util.HashMap.class, java.util.TreeMap.class,
            java.util.HashSet.class, java.util.TreeSet.class, java.util.LinkedHashMap.class,
            java.util.LinkedHashSet.class, java.util.ArrayDeque.class, java.util.Vector.class, java.util.Stack.class,
            java.util.Hashtable.class, java.util.IdentityHashMap.class, java.util.WeakHashMap.class,
            java.util.Properties.class, java.util.BitSet.class, java.util.Random.class, java.util.Date.class,
            java.util.concurrent.ConcurrentHashMap.class, java.util.concurrent.CopyOnWriteArrayList.class,
            java.util.concurrent.ConcurrentLinkedQueue.class, java.util.concurrent.ConcurrentLinkedDeque.class,
            java.util.concurrent.LinkedBlockingQueue.class, java.util.concurrent.atomic.AtomicLong.class,
            java.util.concurrent.atomic.AtomicBoolean.class, java.util.concurrent.locks.ReentrantLock.class,
            Exception.class, RuntimeException.class, Error.class);

    private final GradingContext context = new GradingContext(new LearnerId("ada"),
            new MlflowServer(URI.create("http://localhost:1"), MlflowServer.Provider.TRACKING_URI, "test"), null,
            new GradingSpark(), GradingContext.PRACTICE_SEED);
    private final AtomicInteger made = new AtomicInteger();

    @Test
    void evidenceIsMadeOnceAndShared() {
        Object first = context.evidence(StringBuilder.class,
                () -> new StringBuilder("made " + made.incrementAndGet()));
        Object second = context.evidence(StringBuilder.class,
                () -> new StringBuilder("made " + made.incrementAndGet()));

        assertThat(second).isSameAs(first).hasToString("made 1");
    }

    @Test
    void evidenceMayBeMadeFromOtherEvidence() {
        // as a lab's evidence is made from the grade's LearnerRuns; here each type's reading asks for the next type's
        reading(0);
        List<Object> first = new ArrayList<>();
        for (int i = 0; i < TYPES.size(); i++) {
            first.add(reading(i));
        }

        assertThat(made).hasValue(TYPES.size());
        for (int i = 0; i < TYPES.size(); i++) {
            assertThat(reading(i)).isSameAs(first.get(i)).isInstanceOf(TYPES.get(i));
        }
    }

    private Object reading(int index) {
        @SuppressWarnings("unchecked")
        Class<Object> type = (Class<Object>) TYPES.get(index);
        return context.evidence(type, () -> {
            if (index + 1 < TYPES.size()) {
                reading(index + 1);
            }
            made.incrementAndGet();
            try {
                return type.getConstructor().newInstance();
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
