package org.p2pkit.conformance.report;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.stream.Collectors;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.p2pkit.conformance.cases.ConformanceCase;
import org.p2pkit.conformance.cases.Requirement;
import org.p2pkit.conformance.run.Outcome;
import org.p2pkit.conformance.run.Verdict;

/**
 * Writes a run in the JUnit XML format that CI systems read: one {@code testsuite} named
 * {@value RunSummary#TOOL}, one {@code testcase} per case (class name: the case's group). A FAIL is a
 * {@code failure}, an ERROR an {@code error}, a SKIPPED case {@code skipped}; a NON_STRICT case passes,
 * with its property {@code outcome} and its output saying which SHOULD was not met.
 */
public final class JUnitXmlReport {
    private JUnitXmlReport() {
    }

    public static void write(RunSummary run, Path file) throws IOException {
        JsonReport.createParent(file);
        try (OutputStream out = Files.newOutputStream(file)) {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
            try {
                new JUnitXmlReport.Writer(xml).suite(run);
            } finally {
                xml.close();
            }
        } catch (XMLStreamException e) {
            throw new IOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** Writes elements with line breaks between them, and only printable text inside. */
    private static final class Writer {
        private final XMLStreamWriter xml;
        private int depth;

        Writer(XMLStreamWriter xml) {
            this.xml = xml;
        }

        void suite(RunSummary run) throws XMLStreamException {
            xml.writeStartDocument("UTF-8", "1.0");
            start("testsuite");
            attribute("name", RunSummary.TOOL);
            attribute("tests", Integer.toString(run.verdicts().size()));
            attribute("failures", Integer.toString(run.count(Outcome.FAIL)));
            attribute("errors", Integer.toString(run.count(Outcome.ERROR)));
            attribute("skipped", Integer.toString(run.count(Outcome.SKIPPED)));
            attribute("time", ReportText.seconds(run.durationMillis()));
            // The schema's timestamp has no zone; it is UTC here.
            attribute("timestamp", LocalDateTime.ofInstant(run.started(), ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS).toString());
            start("properties");
            property("target", run.target());
            property("version", RunSummary.version());
            property("conformant", Boolean.toString(run.conformant()));
            end();
            for (Verdict v : run.verdicts()) {
                testCase(v);
            }
            end();
            xml.writeCharacters("\n");
            xml.writeEndDocument();
        }

        private void testCase(Verdict v) throws XMLStreamException {
            ConformanceCase c = v.testCase();
            start("testcase");
            attribute("classname", c.group());
            attribute("name", c.id() + " " + c.title());
            attribute("time", ReportText.seconds(v.millis()));
            start("properties");
            property("outcome", v.outcome().name());
            property("level", c.level().name());
            property("requirements", c.requirements().stream().map(Requirement::id).collect(Collectors.joining(", ")));
            if (v.outcome() == Outcome.NON_STRICT) {
                property("non-strict", "SHOULD not met: " + v.summary());
            }
            end();
            switch (v.outcome()) {
                case FAIL -> textElement("failure", v, details(v));
                case ERROR -> textElement("error", v, details(v));
                case SKIPPED -> leaf("skipped", "message", v.summary());
                case PASS, NON_STRICT -> {
                }
            }
            String out = systemOut(v);
            if (!out.isEmpty()) {
                newline();
                xml.writeStartElement("system-out");
                xml.writeCharacters(ReportText.printable(out));
                xml.writeEndElement();
            }
            end();
        }

        private void textElement(String name, Verdict v, String body) throws XMLStreamException {
            newline();
            xml.writeStartElement(name);
            attribute("message", v.summary());
            attribute("type", v.outcome().name());
            xml.writeCharacters(ReportText.printable(body));
            xml.writeEndElement();
        }

        /** What the console prints for a case that did not pass: requirements, summary, mismatches, PDU. */
        private static String details(Verdict v) {
            StringBuilder out = new StringBuilder();
            for (Requirement r : v.testCase().requirements()) {
                out.append(r.id()).append(" (").append(v.testCase().level()).append("): \"").append(r.quote()).append("\"\n");
            }
            out.append(v.summary()).append('\n');
            for (Verdict.Mismatch m : v.mismatches()) {
                out.append("  ").append(m.field()).append(": expected ").append(m.expected()).append('\n');
                out.append("  ").append(" ".repeat(m.field().length())).append("  actual   ").append(m.actual()).append('\n');
            }
            if (v.actualHex() != null) {
                out.append("actual PDU:\n");
                v.actualHex().lines().forEach(line -> out.append("  ").append(line).append('\n'));
            }
            return out.toString();
        }

        private static String systemOut(Verdict v) {
            StringBuilder out = new StringBuilder();
            if (v.outcome() == Outcome.NON_STRICT) {
                out.append("NON-STRICT: SHOULD not met (the case passes; only strict mode reports it)\n").append(details(v));
            }
            if (!v.wire().isEmpty()) {
                out.append("wire:\n");
                v.wire().forEach(e -> out.append(ConsoleReport.wireLine(e)).append('\n'));
            }
            return out.toString();
        }

        private void property(String name, String value) throws XMLStreamException {
            leaf("property", "name", name, "value", value);
        }

        /** An element with attributes only, given as name, value, name, value... */
        private void leaf(String name, String... attributes) throws XMLStreamException {
            newline();
            xml.writeEmptyElement(name);
            for (int i = 0; i < attributes.length; i += 2) {
                attribute(attributes[i], attributes[i + 1]);
            }
        }

        private void attribute(String name, String value) throws XMLStreamException {
            // Attribute values are one line: a parser would turn a line break into a space anyway.
            xml.writeAttribute(name, ReportText.printable(value == null ? "" : value).replace('\n', ' ').replace('\t', ' '));
        }

        private void start(String name) throws XMLStreamException {
            newline();
            xml.writeStartElement(name);
            depth++;
        }

        /** Ends an element opened with {@link #start}; an element with text inside is ended by its writer. */
        private void end() throws XMLStreamException {
            depth--;
            newline();
            xml.writeEndElement();
        }

        private void newline() throws XMLStreamException {
            xml.writeCharacters("\n" + "  ".repeat(depth));
        }
    }
}
