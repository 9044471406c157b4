package org.mllabs.runtime.datasets;

import static org.mllabs.runtime.datasets.CsvCells.date;
import static org.mllabs.runtime.datasets.CsvCells.decimal;
import static org.mllabs.runtime.datasets.CsvCells.integer;
import static org.mllabs.runtime.datasets.CsvCells.rounded;
import static org.mllabs.runtime.datasets.CsvCells.text;
import static org.mllabs.runtime.datasets.CsvCells.timestamp;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;

/**
 * Generates {@link LabDataset#CUSTOMER_CHURN}: one row per customer, observed once in 2024, and whether the customer
 * churned, drawn from a known logistic model (see {@link #churnLogit}); {@code datasets/customer_churn/README.md}
 * documents every column.
 *
 * <p>Run as {@code main} with {@code [--drift] [DATASETS_FOLDER]} to regenerate the committed file, or the drifted
 * batch of January to March 2025 (more month-to-month contracts, higher charges, more support calls).
 */
public final class ChurnDatasetGenerator extends DatasetGenerator {

    /** The seed of the main file. */
    public static final long SEED = 20_240_101L;
    /** The seed of the drifted batch. */
    public static final long DRIFTED_SEED = 20_250_101L;

    private static final String[] CONTRACTS = {"month-to-month", "one-year", "two-year"};
    private static final String[] PAYMENT_METHODS =
        {"electronic_check", "credit_card", "bank_transfer", "mailed_check"};
    private static final String[] REGIONS = {"north", "south", "east", "west"};

    /** A generator with the seeds above. */
    public ChurnDatasetGenerator() {
        super(LabDataset.CUSTOMER_CHURN, SEED, DRIFTED_SEED);
    }

    /** Regenerates the file; see the class comment for the arguments. */
    public static void main(String[] args) throws IOException {
        GeneratorCommand.run(new ChurnDatasetGenerator(), args);
    }

    @Override
    String[] row(DatasetRandom random, int key, Instant time, Batch batch) {
        boolean drifted = batch == Batch.DRIFTED;
        String contract = random.choice(CONTRACTS, drifted ? new double[] {0.65, 0.20, 0.15}
                : new double[] {0.50, 0.25, 0.25});
        boolean monthToMonth = contract.equals(CONTRACTS[0]);
        double meanTenure = switch (contract) {
            case "month-to-month" -> 12;
            case "one-year" -> 30;
            default -> 45;
        };
        int tenure = (int) Math.min(72, Math.floor(random.exponential(meanTenure)));
        LocalDate signup = LocalDate.ofInstant(time, ZoneOffset.UTC).minusMonths(tenure).minusDays(random.below(28));
        double monthly = rounded(Math.min(120, Math.max(18,
                random.gaussian(drifted ? 74 : 62, 18) + (monthToMonth ? 4 : 0))), 2);
        double total = rounded(monthly * Math.max(1, tenure) * (1 + random.gaussian(0, 0.04)), 2);
        int supportCalls = random.poisson(drifted ? 2.2 : 1.5);
        String payment = random.choice(PAYMENT_METHODS, drifted ? new double[] {0.45, 0.20, 0.20, 0.15}
                : new double[] {0.35, 0.25, 0.25, 0.15});
        String region = random.choice(REGIONS, new double[] {0.30, 0.25, 0.25, 0.20});
        double logit = churnLogit(contract, tenure, monthly, supportCalls, payment) + random.gaussian(0, 0.5);
        boolean churned = random.chance(1 / (1 + StrictMath.exp(-logit)));
        return new String[] {
            text(String.format(Locale.ROOT, "C%06d", key)),
            timestamp(time),
            date(signup),
            text(contract),
            integer(tenure),
            random.missingOr(0.03, decimal(monthly, 2)),
            random.missingOr(0.02, decimal(total, 2)),
            random.missingOr(0.04, integer(supportCalls)),
            random.missingOr(0.03, text(payment)),
            random.missingOr(0.02, text(region)),
            integer(churned ? 1 : 0),
        };
    }

    /**
     * The log-odds of churning before noise: month-to-month customers churn more, and only they mind their monthly
     * charges (the interaction term); long tenure keeps customers.
     */
    static double churnLogit(String contract, int tenure, double monthly, int supportCalls, String payment) {
        double monthToMonth = contract.equals("month-to-month") ? 1 : 0;
        double twoYear = contract.equals("two-year") ? 1 : 0;
        double electronicCheck = payment.equals("electronic_check") ? 1 : 0;
        return -1.6 + 1.2 * monthToMonth - 1.0 * twoYear - 0.04 * tenure + 0.08 * monthToMonth * (monthly - 65)
                + 0.35 * supportCalls + 0.5 * electronicCheck;
    }
}
