//! Ingest alone (gunzip + WARC framing + HTTP + charset decoding/NFC), single thread, on generated
//! WARCs of Vietnamese HTML pages (50–150 KB): gzip per record and uncompressed. Throughput is in
//! bytes of uncompressed WARC.
use std::hint::black_box;
use std::sync::Arc;

use baohoa::ingest::decode::decode_html;
use baohoa::ingest::warc_write::{Response, WarcWriter};
use baohoa::ingest::{Event, ReadOptions, open_reader};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

const WORDS: &[&str] = &[
    "Hà Nội",
    "thời sự",
    "người dân",
    "giao thông",
    "ùn tắc",
    "mưa lớn",
    "Chính phủ",
    "Thủ tướng",
    "kinh tế",
    "tăng trưởng",
    "doanh nghiệp",
    "xuất khẩu",
    "giáo dục",
    "học sinh",
    "bệnh viện",
    "sức khỏe",
    "bóng đá",
    "đội tuyển",
    "Việt Nam",
    "thành phố",
    "Hồ Chí Minh",
    "công an",
    "điều tra",
    "vụ việc",
    "nghiêm trọng",
    "phát hiện",
    "tai nạn",
    "cháy nổ",
    "thông tin",
    "báo chí",
    "theo",
    "cho biết",
    "trong khi",
    "đã",
    "và",
];

fn page(i: usize, target: usize) -> String {
    let mut s = String::with_capacity(target + 2048);
    s.push_str("<!DOCTYPE html><html lang=\"vi\"><head><meta charset=\"utf-8\"><title>Tin tức ");
    s.push_str(&i.to_string());
    s.push_str("</title><link rel=\"canonical\" href=\"https://tin.example.vn/bai-");
    s.push_str(&i.to_string());
    s.push_str(".html\"></head><body><header><nav><a href=\"/\">Trang chủ</a> <a href=\"/thoi-su\">Thời sự</a></nav></header><article>");
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15 ^ i as u64;
    while s.len() < target {
        s.push_str("<p>");
        for _ in 0..40 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            s.push_str(WORDS[(x % WORDS.len() as u64) as usize]);
            s.push(' ');
        }
        s.push_str("</p>\n<div class=\"related\"><a href=\"/bai-");
        s.push_str(&(x % 10_000).to_string());
        s.push_str(".html\">Xem thêm</a></div>\n");
    }
    s.push_str("</article><footer>Giấy phép số 123/GP-BTTTT</footer></body></html>");
    s
}

fn corpus(gzip: bool) -> (Vec<u8>, u64) {
    let mut w = WarcWriter::new(Vec::new(), gzip);
    let mut plain = WarcWriter::new(std::io::sink(), false);
    w.warcinfo("2026-11-20T08:00:00Z", "software: bench\r\n").unwrap();
    plain.warcinfo("2026-11-20T08:00:00Z", "software: bench\r\n").unwrap();
    for i in 0..300 {
        let body = page(i, 50_000 + (i * 3_331) % 100_000);
        let url = format!("https://tin.example.vn/bai-{i}.html");
        let r = Response {
            url: &url,
            date: "2026-11-20T08:00:00Z",
            status: 200,
            headers: &[("Content-Type", "text/html; charset=utf-8")],
            body: body.as_bytes(),
        };
        w.response(&r).unwrap();
        plain.response(&r).unwrap();
    }
    (w.into_inner(), plain.offset)
}

/// Framing and HTTP only (no charset decoding), to compare with other WARC readers.
fn framing(bytes: &Arc<[u8]>) -> usize {
    let reader = Box::new(std::io::Cursor::new(bytes.clone()));
    let (_, events) = open_reader(Arc::from("bench.warc"), reader, &ReadOptions::default()).unwrap();
    events
        .map(|ev| match ev {
            Event::Record(r) => r.body.len(),
            _ => 0,
        })
        .sum()
}

fn ingest(bytes: &Arc<[u8]>) -> usize {
    let reader = Box::new(std::io::Cursor::new(bytes.clone()));
    let (_, events) = open_reader(Arc::from("bench.warc"), reader, &ReadOptions::default()).unwrap();
    let mut n = 0;
    for ev in events {
        if let Event::Record(r) = ev {
            let d = decode_html(&r.body, r.header("content-type"));
            n += d.html.len();
        }
    }
    n
}

fn bench(c: &mut Criterion) {
    let mut g = c.benchmark_group("ingest");
    g.sample_size(10);
    for gzip in [true, false] {
        let (bytes, uncompressed) = corpus(gzip);
        let bytes: Arc<[u8]> = bytes.into();
        g.throughput(Throughput::Bytes(uncompressed));
        let name = if gzip { "warc_gz_per_record" } else { "warc_plain" };
        g.bench_function(name, |b| b.iter(|| black_box(ingest(&bytes))));
        g.bench_function(format!("{name}_framing_only"), |b| {
            b.iter(|| black_box(framing(&bytes)))
        });
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
