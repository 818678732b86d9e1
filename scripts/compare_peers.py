#!/usr/bin/env python3
"""THROWAWAY PEER PIPELINES for `scripts/compare-peers`; not a dependency of baohoa.

The same job as baohoa's page and site stages, on the same WARC, written the way a good Python
engineer would write it (one parse per page, CSS selectors for the head, compiled regexes):

  1. read the response records (FastWARC), HTML only;
  2. charset: the HTTP header or <meta>, else detection (Resiliparse's detect_encoding, or
     trafilatura's own decoding of the bytes);
  3. main text and metadata (title, og:site_name, og:type, published time, author, canonical);
  4. language of the main text (py3langid, first 4,096 characters);
  5. one lexicon pass: baohoa's negative and sensational terms (models/tone/*.tsv), lower-cased,
     whole words, over title + main text;
  6. per-site aggregation (host): pages, characters, hits, languages.

    python compare_peers.py {trafilatura|resiliparse} WARC MODELS_DIR

prints one JSON line: {"pipeline", "seconds", "cpu_seconds", "html_bytes", "pages", "sites", "hits"}
(seconds and cpu_seconds cover the record loop only; the caller times the whole process).
"""
import json, re, sys, time
from collections import defaultdict
from urllib.parse import urlsplit

from fastwarc.warc import ArchiveIterator, WarcRecordType
import py3langid

META_SELECTOR = ", ".join([
    'meta[property="og:site_name"]', 'meta[property="og:title"]', 'meta[property="og:type"]',
    'meta[property="article:published_time"]', 'meta[name="author"]', 'meta[name="description"]',
])


def lexicon(models):
    terms = []
    for f in ("negative.tsv", "sensational.tsv"):
        for line in open(f"{models}/tone/{f}", encoding="utf-8"):
            if line.startswith("#") or not line.strip() or line.startswith("term\t"):
                continue
            t = line.split("\t")[0].strip().lower()
            if t:
                terms.append(re.escape(t))
    terms.sort(key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(terms) + r")(?!\w)")


def records(path):
    with open(path, "rb") as f:
        for rec in ArchiveIterator(f, record_types=WarcRecordType.response, parse_http=True):
            ct = (rec.http_headers.get("Content-Type") or "") if rec.http_headers else ""
            if "html" not in ct.lower():
                continue
            yield rec.headers.get("WARC-Target-URI") or "", ct, rec.reader.read()


def extract_trafilatura(url, content_type, body):
    import trafilatura
    # trafilatura decodes bytes itself (declared charset, else detection).
    doc = trafilatura.bare_extraction(body, url=url, with_metadata=True)
    if doc is None:
        return "", {}
    d = doc.as_dict() if hasattr(doc, "as_dict") else doc
    meta = {k: d.get(k) for k in ("title", "date", "author", "sitename", "pagetype", "description")}
    return d.get("text") or "", meta


def extract_resiliparse(url, content_type, body):
    from resiliparse.parse.encoding import bytes_to_str, detect_encoding
    from resiliparse.parse.html import HTMLTree
    from resiliparse.extract.html2text import extract_plain_text
    m = re.search(r"charset=[\"']?([\w.:-]+)", content_type, re.I)
    enc = m.group(1) if m else detect_encoding(body)  # detect_encoding reads <meta charset> first
    tree = HTMLTree.parse(bytes_to_str(body, enc))
    text = extract_plain_text(tree, main_content=True)
    meta = {"title": tree.title}
    for el in tree.document.query_selector_all(META_SELECTOR):
        meta[el.getattr("property") or el.getattr("name")] = el.getattr("content")
    canon = tree.document.query_selector('link[rel="canonical"]')
    if canon is not None:
        meta["canonical"] = canon.getattr("href")
    return text, meta


def main():
    which, warc, models = sys.argv[1], sys.argv[2], sys.argv[3]
    pat = lexicon(models)
    extract = extract_trafilatura if which == "trafilatura" else extract_resiliparse
    sites = defaultdict(lambda: {"pages": 0, "chars": 0, "hits": 0, "langs": defaultdict(int)})
    t, c = time.perf_counter(), time.process_time()
    html_bytes = pages = hits = 0
    for url, ct, body in records(warc):
        html_bytes += len(body)
        pages += 1
        text, meta = extract(url, ct, body)
        lang = py3langid.classify(text[:4096])[0] if text else "unknown"
        n = len(pat.findall(((meta.get("title") or "") + "\n" + text).lower()))
        s = sites[urlsplit(url).hostname or "(unknown)"]
        s["pages"] += 1
        s["chars"] += len(text)
        s["hits"] += n
        s["langs"][lang] += 1
        hits += n
    print(json.dumps({"pipeline": which, "seconds": time.perf_counter() - t,
                      "cpu_seconds": time.process_time() - c, "html_bytes": html_bytes,
                      "pages": pages, "sites": len(sites), "hits": hits}))


if __name__ == "__main__":
    main()
