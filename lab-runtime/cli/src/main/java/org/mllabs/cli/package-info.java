/**
 * The {@code lab} command: {@code list}, {@code show}, {@code run}, {@code grade}, {@code up}, {@code down},
 * {@code status} and {@code reset}. {@link org.mllabs.cli.LabCommand} is the entry point; each sub-command is a class
 * of its own; {@link org.mllabs.cli.ExitCodes} says what each exit status means.
 */
package org.mllabs.cli;
