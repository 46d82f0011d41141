package dev.weft.it;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * This repository's modules as weft-parent lists them, read from the poms on disk. A module is
 * published unless its pom sets {@code maven.deploy.skip}.
 */
final class Reactor {
  record Module(String artifactId, Path dir, Document pom, boolean published) {
    String packaging() {
      Element p = child(pom.getDocumentElement(), "packaging");
      return p == null ? "jar" : p.getTextContent().trim();
    }
  }

  private Reactor() {}

  static List<Module> modules(Path root) throws Exception {
    List<Module> modules = new ArrayList<>();
    NodeList ms = xml(root.resolve("pom.xml")).getElementsByTagName("module");
    for (int i = 0; i < ms.getLength(); i++) {
      Path dir = root.resolve(ms.item(i).getTextContent().trim());
      Document pom = xml(dir.resolve("pom.xml"));
      boolean skip = pom.getElementsByTagName("maven.deploy.skip").getLength() > 0;
      modules.add(new Module(text(pom.getDocumentElement(), "artifactId"), dir, pom, !skip));
    }
    return modules;
  }

  static Document xml(Path file) throws Exception {
    try (InputStream in = Files.newInputStream(file)) {
      return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in);
    }
  }

  /** The text of {@code e}'s direct child {@code name}. */
  static String text(Element e, String name) {
    Element c = child(e, name);
    if (c == null) throw new AssertionError("<" + e.getTagName() + "> has no <" + name + ">");
    return c.getTextContent().trim();
  }

  /** {@code e}'s direct child {@code name}, or null. */
  static Element child(Element e, String name) {
    for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element && ((Element) n).getTagName().equals(name)) return (Element) n;
    }
    return null;
  }
}
