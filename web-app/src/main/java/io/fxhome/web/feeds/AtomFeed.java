package io.fxhome.web.feeds;

import java.io.StringWriter;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * An Atom 1.0 document (RFC 4287) written with the JDK's StAX writer, which escapes every text and attribute; what XML
 * cannot hold at all (control characters, unpaired surrogates, which synced titles may contain) is replaced first, so
 * the document always parses. The feed-level author is fxhome, so entries need none of their own.
 */
public record AtomFeed(String id, String title, String selfLink, String alternateLink, Instant updated,
        List<FeedEntry> entries) {
    public static final String MEDIA_TYPE = "application/atom+xml";
    static final String NS = "http://www.w3.org/2005/Atom";
    private static final XMLOutputFactory OUTPUT = XMLOutputFactory.newFactory();

    /** A stable {@code urn:uuid:} id from the parts it names: no synced text inside an id, no account id readable in it. */
    public static String id(Object... parts) {
        StringBuilder name = new StringBuilder("fxhome");
        for (Object p : parts) {
            name.append('\0').append(p);
        }
        return "urn:uuid:" + UUID.nameUUIDFromBytes(name.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    public String render() {
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter xml = OUTPUT.createXMLStreamWriter(out);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeStartElement("feed");
            xml.writeDefaultNamespace(NS);
            text(xml, "id", id);
            text(xml, "title", title);
            text(xml, "updated", time(updated));
            xml.writeStartElement("author");
            text(xml, "name", "fxhome");
            xml.writeEndElement();
            text(xml, "generator", "fxhome");
            link(xml, "self", selfLink);
            if (alternateLink != null) {
                link(xml, "alternate", alternateLink);
            }
            for (FeedEntry e : entries) {
                xml.writeStartElement("entry");
                text(xml, "id", e.id());
                text(xml, "title", e.title() == null || e.title().isBlank() ? "(untitled)" : e.title());
                text(xml, "updated", time(e.updated() == null ? updated : e.updated()));
                if (e.link() != null) {
                    link(xml, "alternate", e.link());
                }
                if (e.summary() != null) {
                    text(xml, "summary", e.summary());
                }
                xml.writeEndElement();
            }
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write a feed: " + e.getMessage(), e);
        }
        return out.toString();
    }

    private static void text(XMLStreamWriter xml, String element, String value) throws XMLStreamException {
        xml.writeStartElement(element);
        if (element.equals("title") || element.equals("summary")) {
            xml.writeAttribute("type", "text");
        }
        xml.writeCharacters(XmlText.clean(value));
        xml.writeEndElement();
    }

    private static void link(XMLStreamWriter xml, String rel, String href) throws XMLStreamException {
        xml.writeEmptyElement("link");
        xml.writeAttribute("rel", rel);
        xml.writeAttribute("href", FeedLinks.iri(XmlText.clean(href)));
    }

    private static String time(Instant t) {
        return DateTimeFormatter.ISO_INSTANT
                .format((t == null ? Instant.EPOCH : t).truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    }
}
