//! The reference parser: html5ever builds a DOM (scraper), then one iterative walk feeds the shared
//! page builder. The only module besides `parse_fast.rs` that sees HTML.
use scraper::{Html, Node};

use super::flat::Page;
use super::walker::{Frame, MAX_LINK_TEXT, Walker, cap, close, finish_links, open_element, parse_json_ld, start};
use crate::text::normalize::squash_ws;

/// The reference parser: html5ever builds a DOM (scraper), then one iterative walk.
pub fn parse_scraper(html: &str, url: Option<&str>) -> Page {
    let (mut page, src, root) = start(html, url);
    let doc = Html::parse_document(src);
    let mut w = Walker {
        page: &mut page,
        buf: String::new(),
        link_chars: 0,
        pending_space: false,
    };
    let mut stack: Vec<Frame> = vec![root];
    let mut title_done = false;
    let mut ld_scripts: Vec<String> = Vec::new();
    // Iterative pre-order walk: descend to the first child, else the next sibling, else climb.
    let mut node = doc.tree.root().first_child();
    while let Some(n) = node {
        let top = *stack.last().unwrap_or(&root);
        let mut descend = false;
        match n.value() {
            Node::Text(t) if !top.skip => {
                w.push_text(t, top.link.is_some());
                if let Some(li) = top.link
                    && let Some(l) = w.page.links.get_mut(li as usize)
                    && l.text.len() < MAX_LINK_TEXT
                {
                    l.text.push_str(t);
                }
            }
            Node::Element(el) => {
                let name = el.name();
                let attr = |k: &str| el.attr(k);
                match name {
                    "title" if !title_done => {
                        let t: String = n
                            .children()
                            .filter_map(|c| c.value().as_text().map(|t| t.to_string()))
                            .collect();
                        w.page.title = squash_ws(&t);
                        title_done = true;
                    }
                    _ => {}
                }
                if name == "script"
                    && attr("type").is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json"))
                    && ld_scripts.len() < 64
                {
                    let t: String = n
                        .children()
                        .filter_map(|c| c.value().as_text().map(|t| t.to_string()))
                        .collect();
                    ld_scripts.push(cap(&t, 1 << 20).to_owned());
                }
                let f = open_element(&mut w, top, name, &attr, &mut || {
                    let mut s = String::new();
                    for d in n.descendants().take(64) {
                        if let Some(t) = d.value().as_text() {
                            s.push_str(t);
                            s.push(' ');
                        }
                    }
                    Some(squash_ws(cap(&s, 400)))
                });
                if n.has_children() {
                    stack.push(f);
                    descend = true;
                }
            }
            _ => {}
        }
        if descend {
            node = n.first_child();
            continue;
        }
        // Leave `n` and every ancestor that has no next sibling.
        let mut cur = Some(n);
        node = None;
        while let Some(c) = cur {
            if let Some(s) = c.next_sibling() {
                node = Some(s);
                break;
            }
            cur = c.parent();
            if cur.is_some_and(|p| p.parent().is_some()) {
                // Closing the parent element.
                if let Some(f) = stack.pop() {
                    close(&mut w, &f, &stack, &root);
                }
            } else {
                break;
            }
        }
        // A leaf element with no children still closes its own frame (none was pushed).
    }
    while stack.len() > 1 {
        if let Some(f) = stack.pop() {
            close(&mut w, &f, &stack, &root);
        }
    }
    w.flush(&root);
    // Links: text cleanup and the block they ended in (the block that holds them).
    finish_links(&mut page);
    for s in ld_scripts {
        match parse_json_ld(&s) {
            Some(vs) => page.json_ld.extend(vs),
            None => page.json_ld_errors += 1,
        }
    }
    page
}
