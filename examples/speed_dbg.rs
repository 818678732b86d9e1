fn main() {
    let p = std::env::args().nth(1).unwrap();
    let b = std::fs::read(&p).unwrap();
    let b = if p.ends_with(".gz") {
        let mut o = Vec::new();
        std::io::Read::read_to_end(&mut flate2::read::MultiGzDecoder::new(&b[..]), &mut o).unwrap();
        o
    } else {
        b
    };
    let h = baohoa::ingest::decode::decode_html(&b, None).html;
    let a = baohoa::page::parse(&h, None);
    let f = baohoa::page::parse_fast::parse_fast(&h, None);
    for (x, y) in a.itemprops.iter().zip(&f.itemprops) {
        if x != y {
            println!("S {x:?}\nF {y:?}\n");
        }
    }
    for (x, y) in a.links.iter().zip(&f.links) {
        if x != y {
            println!("S {x:?}\nF {y:?}\n");
            break;
        }
    }
    println!("lang {:?} {:?}", a.html_lang, f.html_lang);
}
