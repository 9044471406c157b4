package org.mllabs.serving.http;

import java.io.IOException;
import java.io.InputStream;
import org.mllabs.serving.endpoint.ServingError;

/**
 * Request bodies read with Databricks Model Serving's payload limit: at most {@value #LIMIT} bytes (16 MB) a request.
 * A larger body is refused with 413 before it is held whole in memory.
 */
final class RequestBodies {

    /** The most bytes a request body may have: 16 MB. */
    static final int LIMIT = 16 * 1024 * 1024;

    /** How much of a refused body is read and dropped, so that its client hears the refusal, before giving up. */
    private static final long DRAINED = 4L * LIMIT;

    private RequestBodies() {
    }

    /**
     * The body.
     *
     * @throws ServingError 413 when it has more than {@value #LIMIT} bytes
     */
    static byte[] read(InputStream body) throws IOException {
        byte[] bytes = body.readNBytes(LIMIT + 1);
        if (bytes.length > LIMIT) {
            long more = 0;
            byte[] buffer = new byte[64 * 1024];
            for (int read = body.read(buffer); read >= 0 && more < DRAINED; read = body.read(buffer)) {
                more += read;
            }
            throw ServingError.tooLarge("The request body is larger than 16 MB (" + LIMIT + " bytes), the most a "
                    + "serving endpoint accepts: send the rows in several requests.");
        }
        return bytes;
    }
}
