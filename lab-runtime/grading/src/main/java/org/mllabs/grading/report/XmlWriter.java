package org.mllabs.grading.report;

import java.io.StringWriter;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * The JDK's {@link XMLStreamWriter} for the XML formats (JUnit, SVG, XHTML): it escapes markup characters; this class
 * also drops characters XML 1.0 cannot hold and puts attribute values on one line, so any text a learner's work
 * contains gives well-formed XML.
 */
final class XmlWriter {

    private final StringWriter buffer = new StringWriter();
    private final XMLStreamWriter xml;

    XmlWriter() {
        xml = call(() -> XMLOutputFactory.newFactory().createXMLStreamWriter(buffer));
    }

    XmlWriter declaration() {
        return run(() -> xml.writeStartDocument("UTF-8", "1.0"));
    }

    XmlWriter doctype(String doctype) {
        return run(() -> xml.writeDTD(doctype));
    }

    /** Opens an element; its attributes follow. */
    XmlWriter start(String name) {
        return run(() -> xml.writeStartElement(name));
    }

    /** Opens an element that declares the default namespace of its subtree. */
    XmlWriter start(String name, String namespace) {
        return start(name).run(() -> xml.writeDefaultNamespace(namespace));
    }

    /** An element with no content; its attributes follow. */
    XmlWriter empty(String name) {
        return run(() -> xml.writeEmptyElement(name));
    }

    XmlWriter attribute(String name, Object value) {
        return run(() -> xml.writeAttribute(name, clean(String.valueOf(value)).replaceAll("\\s*[\\r\\n]+\\s*", " ")));
    }

    XmlWriter text(String text) {
        return run(() -> xml.writeCharacters(clean(text)));
    }

    /** An element holding only text. */
    XmlWriter element(String name, String text) {
        return start(name).text(text).end();
    }

    XmlWriter end() {
        return run(xml::writeEndElement);
    }

    XmlWriter newline() {
        return text("\n");
    }

    /** Closes what is open and returns the document. */
    String finish() {
        run(() -> {
            xml.writeEndDocument();
            xml.flush();
        });
        return buffer.toString();
    }

    /** The text without the characters XML 1.0 does not allow (control characters other than tab and line ends). */
    static String clean(String text) {
        return text.codePoints()
                .filter(c -> c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c <= 0xD7FF)
                        || (c >= 0xE000 && c <= 0xFFFD) || c >= 0x10000)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    }

    private XmlWriter run(XmlStep step) {
        call(() -> {
            step.run();
            return null;
        });
        return this;
    }

    private static <T> T call(XmlCall<T> call) {
        try {
            return call.call();
        } catch (XMLStreamException e) {
            // Writing to a StringWriter fails only on a misuse of the writer, a bug here.
            throw new IllegalStateException("Could not write XML: " + e.getMessage(), e);
        }
    }

    @FunctionalInterface
    private interface XmlStep {
        void run() throws XMLStreamException;
    }

    @FunctionalInterface
    private interface XmlCall<T> {
        T call() throws XMLStreamException;
    }
}
