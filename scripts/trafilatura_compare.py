#!/usr/bin/env python3
"""THROWAWAY COMPARISON, not a dependency of baohoa: baohoa's main text next to trafilatura's
(and Resiliparse's) on the same benchmark pages, split dev / held-out by the same rule as
`examples/content_eval` (held out when the first byte of SHA-256 of the page id is odd; the id is
the ground-truth key for the Zyte benchmark and the `file` name for the trafilatura pages), with the
same tokenisation and snippet checks.

    BAOHOA_REALDATA=/work/shared/realdata python3 scripts/trafilatura_compare.py [--split dev|held-out]
        [--baohoa-json FILE] [--per-page] [--no-resiliparse]

The Python packages go into a throwaway virtualenv (TRAF_VENV, default target/traf-venv), made on
first use with pip (trafilatura, lxml_html_clean, resiliparse); the script re-runs itself in it.
baohoa's figures come from `cargo run --release --example content_eval -- --json FILE` unless
--baohoa-json gives a file that command wrote.
"""
import argparse, gzip, hashlib, json, os, subprocess, sys, tempfile, time
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)


def ensure_venv():
    try:
        import trafilatura  # noqa: F401
        return
    except ImportError:
        pass
    venv = os.environ.get("TRAF_VENV", os.path.join(REPO, "target", "traf-venv"))
    py = os.path.join(venv, "bin", "python")
    if os.path.abspath(sys.executable) == os.path.abspath(py):
        sys.exit(f"trafilatura_compare: {venv} exists but cannot import trafilatura; delete it and re-run")
    if not os.path.exists(py) or subprocess.run([py, "-c", "import trafilatura"], capture_output=True).returncode:
        print(f"trafilatura_compare: creating the throwaway virtualenv {venv} (trafilatura, resiliparse)", file=sys.stderr)
        subprocess.run([sys.executable, "-m", "venv", venv], check=True)
        subprocess.run([py, "-m", "pip", "install", "-q", "trafilatura", "lxml_html_clean", "resiliparse"], check=True)
    os.execv(py, [py] + sys.argv)


def split_of(pid):
    return "held-out" if hashlib.sha256(pid.encode()).digest()[0] & 1 else "dev"


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


def norm(s):
    return " ".join(s.split())


def pages(root, want):
    """(kind, id, split, html, url, truth-or-evalentry) for every page of the wanted split."""
    aeb = os.path.join(root, "article-extraction-benchmark")
    gt = json.load(open(os.path.join(aeb, "ground-truth.json")))
    for pid in sorted(gt):
        sp = split_of(pid)
        if want and sp != want:
            continue
        raw = gzip.open(os.path.join(aeb, "html", pid + ".html.gz")).read()
        yield "zyte", pid, sp, raw.decode("utf-8", errors="replace"), gt[pid].get("url"), gt[pid]["articleBody"]
    te = os.path.join(root, "trafilatura-eval")
    ev = json.load(open(os.path.join(te, "evaldata.json")))
    for key in sorted(ev):
        v = ev[key]
        sp = split_of(v["file"])
        if want and sp != want:
            continue
        html = open(os.path.join(te, "pages", v["file"]), "rb").read().decode("utf-8", errors="replace")
        yield "te", v["file"], sp, html, key.split("::")[-1], v


def figures(rows, split):
    z = [r for r in rows["zyte"] if split in (None, r["split"])]
    t = [r for r in rows["trafilatura_eval"] if split in (None, r["split"])]
    n = max(len(z), 1)
    return {
        "zyte_pages": len(z),
        "precision": sum(r["precision"] for r in z) / n,
        "recall": sum(r["recall"] for r in z) / n,
        "mean_f1": sum(r["f1"] for r in z) / n,
        "te_pages": len(t),
        "with_ok": sum(r["with_n"] - len(r["missing"]) for r in t),
        "with_n": sum(r["with_n"] for r in t),
        "without_ok": sum(r["without_n"] - len(r["leaked"]) for r in t),
        "without_n": sum(r["without_n"] for r in t),
    }


def run_peer(name, fn, root, want):
    rows = {"zyte": [], "trafilatura_eval": []}
    t0 = time.time()
    for kind, pid, sp, html, url, truth in pages(root, want):
        try:
            text = fn(html, url) or ""
        except Exception as e:  # a peer failing on a page scores it empty, and says so
            print(f"{name} failed on {pid}: {e}", file=sys.stderr)
            text = ""
        if kind == "zyte":
            p, r, f = prf(text, truth)
            rows["zyte"].append({"id": pid, "split": sp, "precision": p, "recall": r, "f1": f})
        else:
            flat = norm(text)
            w, wo = truth.get("with", []), truth.get("without", [])
            rows["trafilatura_eval"].append({
                "file": pid, "split": sp, "with_n": len(w), "without_n": len(wo),
                "missing": [s for s in w if norm(s) not in flat],
                "leaked": [s for s in wo if norm(s) in flat],
            })
    rows["seconds"] = time.time() - t0
    return rows


def main():
    ensure_venv()
    import trafilatura

    ap = argparse.ArgumentParser()
    ap.add_argument("--split", choices=["dev", "held-out"])
    ap.add_argument("--baohoa-json")
    ap.add_argument("--per-page", action="store_true")
    ap.add_argument("--no-resiliparse", action="store_true")
    a = ap.parse_args()
    root = os.environ.get("BAOHOA_REALDATA")
    if not root:
        sys.exit("trafilatura_compare: set BAOHOA_REALDATA to the realdata folder (e.g. ../shared/realdata)")

    if a.baohoa_json:
        bj = json.load(open(a.baohoa_json))
    else:
        with tempfile.TemporaryDirectory() as d:
            out = os.path.join(d, "baohoa.json")
            cmd = ["cargo", "run", "--release", "--quiet", "--example", "content_eval", "--", "--json", out]
            if a.split:
                cmd += ["--split", a.split]
            subprocess.run(cmd, cwd=REPO, check=True, stdout=subprocess.DEVNULL)
            bj = json.load(open(out))
    peers = {"baohoa": bj}
    peers[f"trafilatura {trafilatura.__version__}"] = run_peer(
        "trafilatura",
        lambda html, url: trafilatura.extract(html, url=url, include_comments=False, include_tables=True),
        root, a.split)
    if not a.no_resiliparse:
        try:
            from resiliparse.extract.html2text import extract_plain_text
            peers["resiliparse"] = run_peer(
                "resiliparse",
                lambda html, url: extract_plain_text(html, main_content=True, alt_texts=False,
                                                     links=False, list_bullets=False),
                root, a.split)
        except ImportError:
            print("resiliparse not installed: skipped", file=sys.stderr)

    splits = [a.split] if a.split else ["dev", "held-out", None]
    print(f"{'split':<9} {'extractor':<20} {'Zyte':>5} {'P':>6} {'R':>6} {'meanF1':>7} "
          f"{'TE':>4} {'with present':>18} {'without absent':>18}")
    for sp in splits:
        for name, rows in peers.items():
            f = figures(rows, sp)
            w = f"{f['with_ok']}/{f['with_n']} {100 * f['with_ok'] / max(f['with_n'], 1):5.1f}%"
            o = f"{f['without_ok']}/{f['without_n']} {100 * f['without_ok'] / max(f['without_n'], 1):5.1f}%"
            print(f"{sp or 'all':<9} {name:<20} {f['zyte_pages']:>5} {f['precision']:6.3f} {f['recall']:6.3f} "
                  f"{f['mean_f1']:7.3f} {f['te_pages']:>4} {w:>18} {o:>18}")
    if a.per_page:
        names = list(peers)
        by = [{r["id"]: r for r in peers[n]["zyte"]} for n in names]
        print("\nZyte per page (F1): " + " / ".join(names))
        for pid in sorted(by[0]):
            print(f"{by[0][pid]['split']:<9} {pid[:12]} " + " ".join(
                f"{b[pid]['f1']:.3f}" if pid in b else "  -  " for b in by))
        tb = [{r["file"]: r for r in peers[n]["trafilatura_eval"]} for n in names]
        print("\ntrafilatura-eval per page (with present, without absent): " + " / ".join(names))
        for f in sorted(tb[0]):
            print(f"{tb[0][f]['split']:<9} {f[:40]:<40} " + " ".join(
                f"{b[f]['with_n'] - len(b[f]['missing'])}/{b[f]['with_n']},{b[f]['without_n'] - len(b[f]['leaked'])}/{b[f]['without_n']}"
                if f in b else "-" for b in tb))


if __name__ == "__main__":
    main()
