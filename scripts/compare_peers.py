#!/usr/bin/env python3
"""THROWAWAY PEER PIPELINES for `scripts/compare-peers`; not a dependency of baohoa.

Same job as baohoa's page stage on the same WARC: read response records, extract main text and
metadata (title, date, author, site name), detect the language, count lexicon hits (the negative
terms of models/tone/negative.tsv, lower-cased whole words) and aggregate per site (host).

    python compare_peers.py {trafilatura|resiliparse} WARC LEXICON_TSV

prints one JSON line: {"pipeline", "seconds", "html_bytes", "pages", "sites", "hits"}.
"""
import json, re, sys, time
from collections import defaultdict
from urllib.parse import urlsplit

from fastwarc.warc import ArchiveIterator, WarcRecordType
import py3langid


def lexicon(path):
    terms = []
    for line in open(path, encoding="utf-8"):
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
            yield rec.headers.get("WARC-Target-URI") or "", rec.reader.read()


def extract_trafilatura(url, body):
    import trafilatura
    doc = trafilatura.bare_extraction(body.decode("utf-8", "replace"), url=url, with_metadata=True)
    if doc is None:
        return "", {}
    d = doc.as_dict() if hasattr(doc, "as_dict") else doc
    meta = {k: d.get(k) for k in ("title", "date", "author", "sitename")}
    return d.get("text") or "", meta


def extract_resiliparse(url, body):
    from resiliparse.parse.encoding import bytes_to_str, detect_encoding
    from resiliparse.parse.html import HTMLTree
    from resiliparse.extract.html2text import extract_plain_text
    tree = HTMLTree.parse(bytes_to_str(body, detect_encoding(body)))
    text = extract_plain_text(tree, main_content=True)
    meta = {"title": tree.title}
    if tree.head is not None:
        for m in tree.head.get_elements_by_tag_name("meta"):
            k = m.getattr("property") or m.getattr("name") or ""
            if k in ("og:site_name", "article:published_time", "author"):
                meta[k] = m.getattr("content")
    return text, meta


def main():
    which, warc, lex = sys.argv[1], sys.argv[2], sys.argv[3]
    pat = lexicon(lex)
    extract = extract_trafilatura if which == "trafilatura" else extract_resiliparse
    sites = defaultdict(lambda: {"pages": 0, "chars": 0, "hits": 0, "langs": defaultdict(int)})
    t = time.perf_counter()
    html_bytes = pages = hits = 0
    for url, body in records(warc):
        html_bytes += len(body)
        pages += 1
        text, meta = extract(url, body)
        lang = py3langid.classify(text[:4096])[0] if text else "unknown"
        n = len(pat.findall(text.lower())) + len(pat.findall((meta.get("title") or "").lower()))
        s = sites[urlsplit(url).hostname or "(unknown)"]
        s["pages"] += 1
        s["chars"] += len(text)
        s["hits"] += n
        s["langs"][lang] += 1
        hits += n
    secs = time.perf_counter() - t
    print(json.dumps({"pipeline": which, "seconds": secs, "html_bytes": html_bytes, "pages": pages,
                      "sites": len(sites), "hits": hits}))


if __name__ == "__main__":
    main()
