package org.mllabs.runtime.mlflow;

/**
 * One entry of a run's artifacts.
 *
 * @param path the path from the run's artifact root, such as {@code model/sparkml/metadata}
 * @param isDir whether it is a directory
 * @param fileSize the size in bytes of a file; 0 for a directory
 */
public record ArtifactFile(String path, boolean isDir, long fileSize) {
}
