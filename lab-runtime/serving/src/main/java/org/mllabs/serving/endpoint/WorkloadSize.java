package org.mllabs.serving.endpoint;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * A served entity's size: the range of provisioned concurrency (requests it serves at once) Databricks documents for
 * it. With scale to zero the lower bound is 0.
 */
public enum WorkloadSize {
    /** 4 concurrent requests. */
    SMALL("Small", 4, 4),
    /** 8 to 16. */
    MEDIUM("Medium", 8, 16),
    /** 16 to 64. */
    LARGE("Large", 16, 64);

    private final String apiName;
    private final int minConcurrency;
    private final int maxConcurrency;

    WorkloadSize(String apiName, int minConcurrency, int maxConcurrency) {
        this.apiName = apiName;
        this.minConcurrency = minConcurrency;
        this.maxConcurrency = maxConcurrency;
    }

    /**
     * The size the API names.
     *
     * @throws ServingError when it names none
     */
    public static WorkloadSize of(String apiName) {
        return Arrays.stream(values()).filter(size -> size.apiName.equals(apiName)).findFirst()
                .orElseThrow(() -> ServingError.invalidParameter("workload_size '" + apiName + "' is not one of "
                        + Arrays.stream(values()).map(WorkloadSize::apiName).collect(Collectors.joining(", "))
                        + "."));
    }

    /** The name in the API: {@code Small}, {@code Medium}, {@code Large}. */
    public String apiName() {
        return apiName;
    }

    /** The fewest requests it serves at once when scaled up. */
    public int minConcurrency() {
        return minConcurrency;
    }

    /** The most requests it serves at once; one more is answered 429. */
    public int maxConcurrency() {
        return maxConcurrency;
    }
}
