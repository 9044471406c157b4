package org.mllabs.runtime.lab;

import java.util.List;

/** The lab's code does not compile; the message lists javac's errors with file and line. */
public class LabCompilationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public LabCompilationException(String tree, List<String> errors) {
        super("The code in " + tree + " does not compile:\n" + String.join("\n", errors));
    }
}
