package org.mllabs.runtime.datasets;

import static org.mllabs.runtime.datasets.CsvCells.decimal;
import static org.mllabs.runtime.datasets.CsvCells.integer;
import static org.mllabs.runtime.datasets.CsvCells.rounded;
import static org.mllabs.runtime.datasets.CsvCells.text;
import static org.mllabs.runtime.datasets.CsvCells.timestamp;

import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;

/**
 * Generates {@link LabDataset#HOUSE_PRICES}: one row per house sold in 2024 and its price, from a known formula
 * (see {@link #price}) with an age curve, a distance decay and a condition that scales the area's worth, which a
 * linear model cannot follow; {@code datasets/house_prices/README.md} documents every column.
 *
 * <p>Run as {@code main} with {@code [--drift] [DATASETS_FOLDER]} to regenerate the committed file, or the drifted
 * batch of January to March 2025 (bigger houses, more of them in the suburbs, prices up).
 */
public final class HousePriceDatasetGenerator extends DatasetGenerator {

    /** The seed of the main file. */
    public static final long SEED = 20_240_202L;
    /** The seed of the drifted batch. */
    public static final long DRIFTED_SEED = 20_250_202L;

    private static final String[] NEIGHBOURHOODS = {
        "old_town", "riverside", "harbour", "university", "parkside", "industrial", "north_suburbs", "south_suburbs"};
    private static final double[] NEIGHBOURHOOD_SHARES = {0.08, 0.12, 0.10, 0.12, 0.12, 0.08, 0.20, 0.18};
    private static final double[] DRIFTED_NEIGHBOURHOOD_SHARES = {0.05, 0.08, 0.07, 0.10, 0.10, 0.10, 0.27, 0.23};
    /** What the location alone is worth in each neighbourhood, in thousands of euros. */
    private static final double[] BASE_PRICES = {180, 140, 120, 100, 110, 20, 60, 50};
    private static final double[] NEAREST_KM = {0.2, 1.0, 2.0, 1.5, 3.0, 4.0, 7.0, 6.0};
    private static final double[] FARTHEST_KM = {2.0, 4.0, 5.0, 4.0, 7.0, 9.0, 20.0, 18.0};
    private static final double[] MEDIAN_YEAR_BUILT = {1910, 1965, 1990, 1975, 1970, 1960, 1995, 1985};
    private static final String[] CONDITIONS = {"poor", "fair", "good", "excellent"};
    private static final String[] HEATING = {"gas", "electric", "heat_pump", "oil"};

    /** A generator with the seeds above. */
    public HousePriceDatasetGenerator() {
        super(LabDataset.HOUSE_PRICES, SEED, DRIFTED_SEED);
    }

    /** Regenerates the file; see the class comment for the arguments. */
    public static void main(String[] args) throws IOException {
        GeneratorCommand.run(new HousePriceDatasetGenerator(), args);
    }

    @Override
    String[] row(DatasetRandom random, int key, Instant time, Batch batch) {
        boolean drifted = batch == Batch.DRIFTED;
        String neighbourhood = random.choice(NEIGHBOURHOODS,
                drifted ? DRIFTED_NEIGHBOURHOOD_SHARES : NEIGHBOURHOOD_SHARES);
        int n = indexOf(NEIGHBOURHOODS, neighbourhood);
        double distance = rounded(random.uniform(NEAREST_KM[n], FARTHEST_KM[n]), 2);
        double area = rounded(Math.min(350, Math.max(30,
                StrictMath.exp(random.gaussian(StrictMath.log(drifted ? 105 : 95), 0.35)))), 1);
        double lot = rounded(area * random.uniform(0.3, 0.6) * (1 + distance / 2), 1);
        int bedrooms = (int) Math.min(7, Math.max(1, Math.round(area / 30 + random.gaussian(0, 0.7))));
        int bathrooms = (int) Math.min(4, Math.max(1, Math.round(area / 70 + random.gaussian(0, 0.5))));
        int yearBuilt = (int) Math.min(2023, Math.max(1850, Math.round(random.gaussian(MEDIAN_YEAR_BUILT[n], 25))));
        String condition = random.choice(CONDITIONS, new double[] {0.10, 0.30, 0.45, 0.15});
        String heating = random.choice(HEATING, new double[] {0.45, 0.20, 0.20, 0.15});
        boolean garage = random.chance(Math.min(0.9, 0.1 + distance / 15));
        int monthsSinceStart = time.atZone(ZoneOffset.UTC).getMonthValue() - 1 + (drifted ? 12 : 0);
        double price = rounded(Math.max(40, price(n, distance, area, lot, bathrooms, yearBuilt, condition, heating,
                garage, monthsSinceStart) * StrictMath.exp(random.gaussian(0, 0.06)) + random.gaussian(0, 8)), 1);
        return new String[] {
            text(String.format(Locale.ROOT, "H%06d", key)),
            timestamp(time),
            text(neighbourhood),
            decimal(distance, 2),
            decimal(area, 1),
            random.missingOr(0.06, decimal(lot, 1)),
            integer(bedrooms),
            integer(bathrooms),
            random.missingOr(0.03, integer(yearBuilt)),
            random.missingOr(0.04, text(condition)),
            random.missingOr(0.02, text(heating)),
            integer(garage ? 1 : 0),
            decimal(price, 1),
        };
    }

    /**
     * The price in thousands of euros before noise: a neighbourhood's base price, the living area (each square
     * metre worth less in bigger houses) priced by the condition, an age curve (new houses and historic ones fetch
     * more), a premium that decays with the distance to the centre, bathrooms, a garage and the lot; all times the
     * heating's factor and a market that rises 0.5% a month.
     */
    static double price(int neighbourhood, double distance, double area, double lot, int bathrooms, int yearBuilt,
            String condition, String heating, boolean garage, int monthsSinceStart) {
        double conditionFactor = switch (condition) {
            case "poor" -> 0.75;
            case "fair" -> 0.90;
            case "good" -> 1.00;
            default -> 1.15;
        };
        int age = 2024 - yearBuilt;
        double ageEffect = 90 * StrictMath.exp(-age / 10.0) - 60 * (1 - StrictMath.exp(-age / 40.0))
                + (age >= 100 ? 60 : 0);
        double centreEffect = 120 * StrictMath.exp(-distance / 2.5);
        double heatingFactor = heating.equals("heat_pump") ? 1.05 : heating.equals("oil") ? 0.96 : 1.0;
        double market = 1 + 0.005 * monthsSinceStart;
        double areaEffect = (3.6 * area - 0.005 * area * area) * conditionFactor;
        return (BASE_PRICES[neighbourhood] + areaEffect + ageEffect + centreEffect + 15 * bathrooms + (garage ? 20 : 0)
                + 0.02 * Math.min(lot, 2000)) * heatingFactor * market;
    }

    private static int indexOf(String[] values, String value) {
        for (int i = 0; i < values.length; i++) {
            if (values[i].equals(value)) {
                return i;
            }
        }
        throw new IllegalArgumentException(value);
    }
}
