package org.mllabs.runtime.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Deque;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * A test JVM's check processes ({@link PythonCheckWorker}): an idle one is reused by the next folder of checks with
 * the same interpreter and variables, another is started only when every such one is busy, and all are stopped when
 * the JVM ends.
 */
final class PythonCheckWorkers {

    private final Map<Map<String, String>, Deque<PythonCheckWorker>> idle = new ConcurrentHashMap<>();
    private final Set<PythonCheckWorker> started = ConcurrentHashMap.newKeySet();

    PythonCheckWorkers() {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> started.forEach(PythonCheckWorker::close),
                "python-checks-stop"));
    }

    /**
     * An idle process started with these, else a new one; give it back with {@link #give} once its folder ran.
     *
     * @param python the interpreter
     * @param environment the process's variables
     */
    PythonCheckWorker take(Path python, Map<String, String> environment) throws IOException {
        Deque<PythonCheckWorker> ready = idle.computeIfAbsent(Map.copyOf(environment),
                key -> new ConcurrentLinkedDeque<>());
        for (PythonCheckWorker worker = ready.poll(); worker != null; worker = ready.poll()) {
            if (worker.alive()) {
                return worker;
            }
            worker.close();
            started.remove(worker);
        }
        PythonCheckWorker worker = PythonCheckWorker.start(python, environment);
        started.add(worker);
        return worker;
    }

    /** Makes a process taken with these variables available again. */
    void give(Map<String, String> environment, PythonCheckWorker worker) {
        idle.computeIfAbsent(Map.copyOf(environment), key -> new ConcurrentLinkedDeque<>()).push(worker);
    }
}
