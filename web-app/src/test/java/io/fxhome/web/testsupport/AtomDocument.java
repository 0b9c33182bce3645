package io.fxhome.web.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * An Atom feed read back by the JDK's namespace-aware XML parser (DOCTYPEs refused) and checked against what RFC 4287
 * requires: a {@code feed} root in the Atom namespace; exactly one {@code id} (an absolute IRI), {@code title} and
 * {@code updated} (RFC 3339) on the feed and on every entry; an author on the feed or on each entry; a
 * {@code rel="self"} link; links with absolute {@code href}s; text constructs of type text without child elements;
 * unique entry ids; and no element outside the Atom namespace (a title cannot have smuggled one in).
 */
public final class AtomDocument {
    public static final String NS = "http://www.w3.org/2005/Atom";

    /** One entry as read: its title text, its alternate link (null if none) and its summary text. */
    public record Entry(String id, String title, String link, String summary) {
    }

    public final String title;
    public final String selfLink;
    public final List<Entry> entries;

    private AtomDocument(String title, String selfLink, List<Entry> entries) {
        this.title = title;
        this.selfLink = selfLink;
        this.entries = entries;
    }

    public static AtomDocument parse(String xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        Document doc = f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        Element feed = doc.getDocumentElement();
        assertThat(feed.getNamespaceURI()).isEqualTo(NS);
        assertThat(feed.getLocalName()).isEqualTo("feed");
        everyElementIsAtom(feed);
        requiredOnce(feed);
        boolean feedAuthor = !children(feed, "author").isEmpty();
        if (feedAuthor) {
            assertThat(children(children(feed, "author").getFirst(), "name")).hasSize(1);
        }
        String self = null;
        for (Element link : children(feed, "link")) {
            checkLink(link);
            if ("self".equals(link.getAttribute("rel"))) {
                self = link.getAttribute("href");
            }
        }
        assertThat(self).as("rel=self link").isNotNull();
        List<Entry> entries = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (Element entry : children(feed, "entry")) {
            requiredOnce(entry);
            if (!feedAuthor) {
                assertThat(children(entry, "author")).as("entry author").isNotEmpty();
            }
            String alternate = null;
            List<Element> links = children(entry, "link");
            for (Element link : links) {
                checkLink(link);
                if (link.getAttribute("rel").isEmpty() || "alternate".equals(link.getAttribute("rel"))) {
                    assertThat(alternate).as("one alternate link").isNull();
                    alternate = link.getAttribute("href");
                }
            }
            String id = text(entry, "id");
            assertThat(ids.add(id)).as("unique entry id " + id).isTrue();
            List<Element> summary = children(entry, "summary");
            if (!summary.isEmpty()) {
                textConstruct(summary.getFirst());
            }
            entries.add(new Entry(id, text(entry, "title"), alternate,
                    summary.isEmpty() ? null : summary.getFirst().getTextContent()));
        }
        return new AtomDocument(text(feed, "title"), self, entries);
    }

    private static void requiredOnce(Element e) {
        for (String name : List.of("id", "title", "updated")) {
            assertThat(children(e, name)).as(e.getLocalName() + "/" + name).hasSize(1);
        }
        assertThat(URI.create(text(e, "id")).isAbsolute()).as("absolute id").isTrue();
        OffsetDateTime.parse(text(e, "updated"));
        textConstruct(children(e, "title").getFirst());
    }

    private static void textConstruct(Element e) {
        String type = e.getAttribute("type");
        assertThat(type).isIn("", "text");
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            assertThat(n.getNodeType()).as("only text inside " + e.getLocalName()).isEqualTo(Node.TEXT_NODE);
        }
    }

    private static void checkLink(Element link) {
        assertThat(link.getAttribute("href")).isNotEmpty();
        assertThat(URI.create(link.getAttribute("href")).isAbsolute()).as("absolute href").isTrue();
        assertThat(link.getChildNodes().getLength()).isZero();
    }

    private static void everyElementIsAtom(Element e) {
        assertThat(e.getNamespaceURI()).as("namespace of <" + e.getTagName() + ">").isEqualTo(NS);
        for (Element child : children(e, null)) {
            everyElementIsAtom(child);
        }
    }

    private static String text(Element e, String name) {
        return children(e, name).getFirst().getTextContent();
    }

    private static List<Element> children(Element e, String name) {
        List<Element> out = new ArrayList<>();
        NodeList nodes = e.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i) instanceof Element c && (name == null || (NS.equals(c.getNamespaceURI())
                    && name.equals(c.getLocalName())))) {
                out.add(c);
            }
        }
        return out;
    }
}
