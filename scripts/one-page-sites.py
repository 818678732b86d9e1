#!/usr/bin/env python3
"""Writes a JSONL.gz corpus of N one-page sites from the HTML pages of a `baohoa synth` corpus.

Each line is {"url", "html", "fetched_at"} with the page put on its own domain (site-NNNNNN.vn),
pages reused in turn when N exceeds the pages available. This is the many-small-sites shape that
stresses per-site memory (the sites outnumber the pages of any one site): used for the peak-RSS
figures of the README.

Usage: scripts/one-page-sites.py SYNTH_DIR N OUT.jsonl.gz
"""
import gzip
import json
import os
import sys


def warc_records(path):
    """Yields (headers dict, block bytes) of each WARC record of a (multi-member) gzip file."""
    with gzip.open(path, "rb") as f:
        while True:
            line = f.readline()
            if not line:
                return
            if not line.startswith(b"WARC/"):
                continue
            headers = {}
            while True:
                h = f.readline()
                if h in (b"\r\n", b"\n", b""):
                    break
                k, _, v = h.decode("utf-8", "replace").partition(":")
                headers[k.strip().lower()] = v.strip()
            n = int(headers.get("content-length", "0"))
            yield headers, f.read(n)


def html_pages(synth_dir):
    warc = os.path.join(synth_dir, "warc")
    for name in sorted(os.listdir(warc)):
        for h, block in warc_records(os.path.join(warc, name)):
            if h.get("warc-type") != "response":
                continue
            head, _, body = block.partition(b"\r\n\r\n")
            head_l = head.lower()
            if b"text/html" not in head_l:
                continue
            if b"content-encoding: gzip" in head_l:
                try:
                    body = gzip.decompress(body)
                except OSError:
                    continue
            try:
                text = body.decode("utf-8")
            except UnicodeDecodeError:
                continue
            path = h.get("warc-target-uri", "/").split("/", 3)[-1]
            yield path, text, h.get("warc-date", "2026-11-01T00:00:00Z")


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    synth_dir, n, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    pages = list(html_pages(synth_dir))
    if not pages:
        sys.exit(f"no UTF-8 HTML pages found under {synth_dir}/warc; make them with `baohoa synth`")
    tmp = out + ".tmp"
    with gzip.open(tmp, "wt", encoding="utf-8", compresslevel=1) as w:
        for i in range(n):
            path, html, date = pages[i % len(pages)]
            row = {"url": f"https://site-{i:06d}.vn/{path}", "html": html, "fetched_at": date}
            w.write(json.dumps(row, ensure_ascii=False))
            w.write("\n")
    os.replace(tmp, out)
    print(f"wrote {n} one-page sites from {len(pages)} pages to {out}", file=sys.stderr)


if __name__ == "__main__":
    main()
