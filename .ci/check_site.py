#!/usr/bin/env python3
"""Checks a built site as served over HTTP under its base URL: the Atom feed
(feedparser), the sitemap, robots.txt, the JSON data and search index, the 404
page at depth, and every page's title, description, canonical URL, Open Graph
and Twitter card tags; and on disk, that every internal link leads to a file
and every #anchor to an id on its page (linkchecker's own anchor check parses
a page again for every anchor: far too slow for a big archive). Prints one
line per finding; exits 1 when there is any.

usage: .ci/check_site.py BASE_URL SITE_DIR
"""
import html.parser
import json
import pathlib
import re
import sys
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET

import feedparser

findings = []

# The sites checked leave feed_weeks at its default.
FEED_WEEKS = 20


def finding(message):
    findings.append(message)
    print(f"  {message}", file=sys.stderr)


def fetch(url, method="GET"):
    """(status, content type, body) of a URL; errors are statuses too."""
    request = urllib.request.Request(url, method=method)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.headers.get("Content-Type", ""), response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Content-Type", ""), error.read()


checked = {}


def reachable(url, what):
    """The URL answers 200 (each URL asked once)."""
    url = url.split("#")[0]
    if url not in checked:
        checked[url] = fetch(url, "HEAD")[0]
    if checked[url] != 200:
        finding(f"{what}: {url} answers {checked[url]}")


class Head(html.parser.HTMLParser):
    """Collects <title>, <meta> and <link rel> of a page's head."""

    def __init__(self):
        super().__init__()
        self.title, self.meta, self.links, self._in_title = "", {}, {}, False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "title":
            self._in_title = True
        elif tag == "meta":
            key = attrs.get("property") or attrs.get("name")
            if key:
                self.meta[key] = attrs.get("content", "")
        elif tag == "link" and attrs.get("rel"):
            self.links[attrs["rel"]] = attrs.get("href", "")

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False

    def handle_data(self, data):
        if self._in_title:
            self.title += data


def check_pages(base, site):
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    titles = {}
    for page in pages:
        head = Head()
        head.feed((site / page).read_text(encoding="utf-8"))
        url = base + re.sub(r"(^|/)index\.html$", r"\1", page)
        if not head.title.strip():
            finding(f"{page}: empty <title>")
        titles.setdefault(head.title, []).append(page)
        for key in ["description", "og:title", "og:description", "og:type", "og:site_name", "og:image",
                    "og:image:alt", "twitter:card", "twitter:title", "twitter:description", "twitter:image"]:
            if not head.meta.get(key, "").strip():
                finding(f"{page}: no {key}")
        image = head.meta.get("og:image", "")
        if not re.search(r"\.(png|jpe?g)$", image, re.I):
            finding(f"{page}: og:image {image!r} is not a PNG or JPEG")
        elif image.startswith(base):
            reachable(image, f"{page}: og:image")
        if page == "404.html":
            if head.meta.get("robots") != "noindex":
                finding("404.html: not marked noindex")
            continue
        if head.links.get("canonical") != url:
            finding(f"{page}: canonical {head.links.get('canonical')!r}, expected {url!r}")
        if head.meta.get("og:url") != url:
            finding(f"{page}: og:url {head.meta.get('og:url')!r}, expected {url!r}")
    for title, where in titles.items():
        if len(where) > 1:
            finding(f"{len(where)} pages share the title {title!r}: {', '.join(where[:3])}")
    return pages


class Anchors(html.parser.HTMLParser):
    """Collects a page's ids and the URLs it links to."""

    def __init__(self):
        super().__init__()
        self.ids, self.links = set(), []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        for name in ("href", "src"):
            if attrs.get(name) is not None:
                self.links.append(attrs[name])


def check_links(base, site, pages):
    """Every internal link of every page leads to a file, and its #anchor to an id there."""
    parsed = {}

    def parse(page):
        if page not in parsed:
            parser = Anchors()
            parser.feed((site / page).read_text(encoding="utf-8"))
            parsed[page] = parser
        return parsed[page]

    count = 0
    for page in pages:
        for link in parse(page).links:
            if link.startswith(base):
                target = link[len(base):]
            elif re.match(r"^[a-z][a-z0-9+.-]*:", link, re.I):
                continue  # another site (lore.kernel.org) or scheme
            elif link.startswith("/"):
                finding(f"{page}: link {link} is root-absolute: it breaks under a sub-path and from disk")
                continue
            else:
                target = urllib.parse.urljoin("/" + page, link).lstrip("/")
            path, _, anchor = target.partition("#")
            path = urllib.parse.unquote(path.split("?")[0])
            if path == "" or path.endswith("/"):
                path += "index.html"
            count += 1
            if not (site / path).is_file():
                finding(f"{page}: link {link} leads to no file")
            elif anchor and path.endswith(".html") and urllib.parse.unquote(anchor) not in parse(path).ids:
                finding(f"{page}: link {link}: no id {anchor!r} on {path}")
    print(f"check_site: {count} internal links and anchors checked", file=sys.stderr)


def check_feed(base, weeks):
    status, content_type, body = fetch(base + "feed.xml")
    if status != 200:
        return finding(f"feed.xml answers {status}")
    feed = feedparser.parse(body)
    if feed.bozo:
        finding(f"feed.xml does not parse cleanly: {feed.bozo_exception}")
    if feed.version != "atom10":
        finding(f"feed.xml is {feed.version!r}, not Atom 1.0")
    entries = feed.entries
    # The newest FEED_WEEKS weeks (the config's feed_weeks, 20 unless set), one entry each.
    listed = min(len(weeks), FEED_WEEKS)
    if len(entries) != listed:
        finding(f"feed.xml has {len(entries)} entries for {len(weeks)} weeks (expected {listed})")
    expected = [w["url"] for w in sorted(weeks, key=lambda w: w["week"], reverse=True)][:listed]
    if [e.get("link") for e in entries] != expected:
        finding("feed.xml: entries are not the newest weeks, one each, newest first")
    ids = [e.get("id") for e in entries]
    if len(set(ids)) != len(ids) or not all(ids):
        finding("feed.xml: entry ids missing or repeated")
    for entry in entries:
        if not entry.get("updated_parsed"):
            finding(f"feed.xml: entry {entry.get('id')} has no valid <updated>")
        reachable(entry.get("link", ""), "feed.xml entry link")
    for link in feed.feed.get("links", []):
        reachable(link["href"], f"feed.xml {link.get('rel')} link")


def check_sitemap(base, pages):
    status, _, body = fetch(base + "sitemap.xml")
    if status != 200:
        return finding(f"sitemap.xml answers {status}")
    root = ET.fromstring(body)
    namespace = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    locs = [loc.text for loc in root.iter(namespace + "loc")]
    expected = {base + re.sub(r"(^|/)index\.html$", r"\1", p) for p in pages if p != "404.html"}
    if set(locs) != expected:
        missing, extra = sorted(expected - set(locs)), sorted(set(locs) - expected)
        finding(f"sitemap.xml: missing {missing[:3]}, not pages {extra[:3]}")
    for loc in locs:
        reachable(loc, "sitemap.xml")
    status, _, body = fetch(base + "robots.txt")
    if status != 200 or f"Sitemap: {base}sitemap.xml" not in body.decode():
        finding("robots.txt does not point to the sitemap")


def check_data(base, site):
    for name in ["weeks", "series", "people"]:
        for item in json.loads((site / "data" / f"{name}.json").read_text(encoding="utf-8")):
            if not item["url"].startswith(base):
                finding(f"data/{name}.json: url {item['url']} is not under {base}")
            reachable(item["url"], f"data/{name}.json")
    status, _, body = fetch(base + "data/search.json")
    if status != 200:
        return finding(f"data/search.json answers {status}")
    index = json.loads(body)
    for kind in ["series", "people", "weeks"]:
        for entry in index[kind]:
            reachable(base + entry["url"], f"data/search.json {kind}")
    if not re.search(r"[\u4e00-\u9fff]", body.decode()):
        finding("data/search.json holds no Chinese text")


def check_not_found(base):
    url = base + "no/such/page/at/depth/"
    status, _, body = fetch(url)
    text = body.decode("utf-8", "replace")
    if status != 404 or "Page not found" not in text:
        return finding(f"{url}: answers {status} without the 404 page")
    for href in re.findall(r'(?:href|src)="([^"#]+)', text):
        if not href.startswith(base):
            finding(f"404.html: link {href} does not start with {base}, so it breaks at depth")
        reachable(href, "404.html at depth")


def main():
    base, site = sys.argv[1], pathlib.Path(sys.argv[2])
    weeks = json.loads((site / "data" / "weeks.json").read_text(encoding="utf-8"))
    pages = check_pages(base, site)
    check_links(base, site, pages)
    check_feed(base, weeks)
    check_sitemap(base, pages)
    check_data(base, site)
    check_not_found(base)
    print(f"check_site: {len(pages)} pages, {len(checked)} URLs fetched, {len(findings)} findings", file=sys.stderr)
    sys.exit(1 if findings else 0)


if __name__ == "__main__":
    main()
