#!/usr/bin/env python3
"""THROWAWAY COMPARISON, not a dependency of baohoa: runs trafilatura on the same pages as
`cargo run --example content_eval` and prints the same figures (same tokenisation).

    python3 -m venv /tmp/trafenv && /tmp/trafenv/bin/pip install trafilatura
    BAOHOA_REALDATA=/work/shared/realdata /tmp/trafenv/bin/python scripts/trafilatura_compare.py
"""
import gzip, json, os, sys, time
from collections import Counter

import trafilatura

root = os.environ.get("BAOHOA_REALDATA", "../shared/realdata")


def tokens(s):
    out, cur = [], []
    for ch in s or "":
        if ch.isalnum():
            cur.append(ch)
        elif cur:
            out.append("".join(cur).lower()); cur = []
    if cur:
        out.append("".join(cur).lower())
    return out


def prf(pred, truth):
    p, t = tokens(pred), tokens(truth)
    common = sum((Counter(p) & Counter(t)).values())
    if not p or not t or common == 0:
        return 0.0, 0.0, 0.0
    pr, rc = common / len(p), common / len(t)
    return pr, rc, 2 * pr * rc / (pr + rc)


def extract(html, url=None):
    return trafilatura.extract(html, url=url, include_comments=False, include_tables=True) or ""


aeb = os.path.join(root, "article-extraction-benchmark")
gt = json.load(open(os.path.join(aeb, "ground-truth.json")))
sp = sr = sf = 0.0; n = 0; t0 = time.time(); nbytes = 0
for pid in sorted(gt):
    raw = gzip.open(os.path.join(aeb, "html", pid + ".html.gz")).read()
    nbytes += len(raw)
    html = raw.decode("utf-8", errors="replace")
    p, r, f = prf(extract(html, gt[pid].get("url")), gt[pid]["articleBody"])
    sp += p; sr += r; sf += f; n += 1
mp, mr = sp / n, sr / n
print(f"trafilatura {trafilatura.__version__} article-extraction-benchmark: {n} pages, precision {mp:.3}, recall {mr:.3}, "
      f"mean F1 {sf / n:.3}, F1 of means {2 * mp * mr / (mp + mr):.3}; {1000 * (time.time() - t0) / (nbytes / 1e6):.1f} ms/MB")

te = os.path.join(root, "trafilatura-eval")
ev = json.load(open(os.path.join(te, "evaldata.json")))
norm = lambda s: " ".join(s.split())
wok = wn = ook = on = pages = 0
for url, v in ev.items():
    path = os.path.join(te, "pages", v["file"])
    if not os.path.exists(path):
        continue
    pages += 1
    html = open(path, "rb").read().decode("utf-8", errors="replace")
    text = norm(extract(html, url.split("::")[-1]))
    for s in v.get("with", []):
        wn += 1; wok += norm(s) in text
    for s in v.get("without", []):
        on += 1; ook += norm(s) not in text
print(f"trafilatura-eval: {pages} pages, with-snippets present {wok}/{wn} ({100 * wok / max(wn, 1):.1f}%), "
      f"without-snippets absent {ook}/{on} ({100 * ook / max(on, 1):.1f}%)")
