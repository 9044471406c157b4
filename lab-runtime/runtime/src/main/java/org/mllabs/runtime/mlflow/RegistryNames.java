package org.mllabs.runtime.mlflow;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The naming rules of the model registry, checked before a request is sent so that a learner reads what is wrong with
 * the name instead of a server error.
 */
public final class RegistryNames {

    /** The longest alias the server accepts. */
    public static final int MAX_ALIAS_LENGTH = 255;

    private static final Pattern ALIAS = Pattern.compile("[\\w-]+", Pattern.UNICODE_CHARACTER_CLASS);
    private static final Pattern VERSION_ALIAS = Pattern.compile("[vV]\\d+");
    private static final Pattern CATALOG_PART = Pattern.compile("[\\w-]+", Pattern.UNICODE_CHARACTER_CLASS);

    private RegistryNames() {
    }

    /**
     * Checks an alias: letters, digits, {@code _} and {@code -}, at most {@value #MAX_ALIAS_LENGTH} characters, and
     * not one of the reserved names {@code latest} (any case) or {@code v<digits>}.
     *
     * @return the alias
     * @throws IllegalArgumentException saying which rule it breaks
     */
    public static String requireAlias(String alias) {
        if (alias == null || alias.isEmpty()) {
            throw new IllegalArgumentException("A model alias cannot be empty: use a name such as Champion");
        }
        if (!ALIAS.matcher(alias).matches()) {
            throw new IllegalArgumentException("Alias '" + alias + "' may only contain letters, digits, '_' and '-'"
                    + " (no spaces, dots or slashes): for example Champion or challenger_2");
        }
        if (alias.length() > MAX_ALIAS_LENGTH) {
            throw new IllegalArgumentException("Alias '" + alias.substring(0, 20) + "...' has " + alias.length()
                    + " characters; at most " + MAX_ALIAS_LENGTH + " are allowed");
        }
        if (alias.toLowerCase(Locale.ROOT).equals("latest")) {
            throw new IllegalArgumentException("Alias 'latest' is reserved by MLflow (models:/NAME@latest means the "
                    + "newest version): choose another name, such as Champion");
        }
        if (VERSION_ALIAS.matcher(alias).matches()) {
            throw new IllegalArgumentException("Alias '" + alias + "' is reserved: v<digits> names a version number. "
                    + "Choose a name that says the role, such as Champion or Challenger");
        }
        return alias;
    }

    /**
     * Checks a Unity Catalog model name, {@code catalog.schema.model}: three non-empty parts of letters, digits,
     * {@code _} and {@code -}, separated by dots.
     *
     * @return the name
     * @throws IllegalArgumentException saying how to write it
     */
    public static String requireCatalogName(String name) {
        String[] parts = name == null ? new String[0] : name.split("\\.", -1);
        boolean valid = parts.length == 3;
        for (int i = 0; valid && i < parts.length; i++) {
            valid = CATALOG_PART.matcher(parts[i]).matches();
        }
        if (!valid) {
            throw new IllegalArgumentException("Model name '" + name + "' is not a three-part Unity Catalog name. "
                    + "In catalog mode write it as catalog.schema.model, for example main.ml_labs.churn_classifier: "
                    + "three parts of letters, digits, '_' or '-', separated by dots.");
        }
        return name;
    }
}
