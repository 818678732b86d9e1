#!/usr/bin/env bash
# Builds the seed corpora of the fuzz targets at run time from the real samples in
# $BAOHOA_REALDATA (never committed: fuzz/corpus is ignored), plus a few inputs written here.
set -euo pipefail
cd "$(dirname "$0")"
real="${BAOHOA_REALDATA:?set BAOHOA_REALDATA to the real-data folder}"
rm -rf corpus && mkdir -p corpus/warc_reader corpus/gzip_members corpus/http_response corpus/html_tree
python3 - "$real" <<'PY'
import gzip, hashlib, os, sys, zlib
real = sys.argv[1]
def put(target, data):
    h = hashlib.sha1(data).hexdigest()
    with open(f"corpus/{target}/{h}", "wb") as f:
        f.write(data)
samples = os.path.join(real, "warc-samples")
for sub in ("warcio", "pywb"):
    for name in sorted(os.listdir(os.path.join(samples, sub))):
        b = open(os.path.join(samples, sub, name), "rb").read()
        if len(b) > 64 << 10:
            b = b[: 64 << 10]  # the fuzzer's max_len; a prefix is a valid (truncated) input
        put("warc_reader", b)
        if b[:2] == b"\x1f\x8b":
            put("gzip_members", b)
            try:
                plain = gzip.decompress(b)
            except Exception:
                d = zlib.decompressobj(31); plain = d.decompress(b)
        else:
            plain = b
        # HTTP blocks: what follows each record header's blank line, up to the next record.
        for rec in plain.split(b"WARC/1.0\r\n")[1:]:
            i = rec.find(b"\r\n\r\n")
            if i > 0 and rec[i + 4 : i + 9] == b"HTTP/":
                put("http_response", rec[i + 4 : i + 4 + (16 << 10)])
for d in ("vn-news-html-2012-myfeed", "vn-news-html-2026-tracking-news-mcp"):
    p = os.path.join(real, d)
    for name in sorted(os.listdir(p)):
        if name.endswith(".html"):
            put("html_tree", open(os.path.join(p, name), "rb").read()[: 64 << 10])
# Written here: hostile shapes.
put("html_tree", b"<div>" * 2000 + b"<table><tr><td>" * 100 + b"<b><i><u>" * 300)
put("html_tree", b"<a " + b" x=1" * 3000 + b">")
put("http_response", b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n<html\r\n0\r\n\r\n")
put("warc_reader", b'{"url":"https://a.vn/","html":"<html><p>x</p></html>"}\n' * 3)
PY
for t in corpus/*; do echo "seed: $(ls "$t" | wc -l) inputs in $t"; done
