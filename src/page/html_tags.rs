//! Tag sets of the HTML tree-construction rules used by `parse_fast` (void, special, scope…).
use std::borrow::Cow;

pub(super) const VOID: &[&str] = &[
    "area", "base", "basefont", "bgsound", "br", "col", "embed", "hr", "img", "input", "keygen", "link", "meta",
    "param", "source", "track", "wbr", "frame", "image",
];

/// Elements that close an open `<p>` when they start.
pub(super) const CLOSES_P: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "center",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "header",
    "hgroup",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "search",
    "section",
    "summary",
    "ul",
    "pre",
    "listing",
    "hr",
    "xmp",
    "plaintext",
];

/// Elements of the HTML "special" category.
pub(super) fn is_special(n: &str) -> bool {
    matches!(
        n,
        "address"
            | "applet"
            | "area"
            | "article"
            | "aside"
            | "base"
            | "basefont"
            | "bgsound"
            | "blockquote"
            | "body"
            | "br"
            | "button"
            | "caption"
            | "center"
            | "col"
            | "colgroup"
            | "dd"
            | "details"
            | "dir"
            | "div"
            | "dl"
            | "dt"
            | "embed"
            | "fieldset"
            | "figcaption"
            | "figure"
            | "footer"
            | "form"
            | "frame"
            | "frameset"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "head"
            | "header"
            | "hgroup"
            | "hr"
            | "html"
            | "iframe"
            | "img"
            | "input"
            | "keygen"
            | "li"
            | "link"
            | "listing"
            | "main"
            | "marquee"
            | "menu"
            | "meta"
            | "nav"
            | "noembed"
            | "noframes"
            | "noscript"
            | "object"
            | "ol"
            | "p"
            | "param"
            | "plaintext"
            | "pre"
            | "script"
            | "search"
            | "section"
            | "select"
            | "source"
            | "style"
            | "summary"
            | "table"
            | "tbody"
            | "td"
            | "template"
            | "textarea"
            | "tfoot"
            | "th"
            | "thead"
            | "title"
            | "tr"
            | "track"
            | "ul"
            | "wbr"
            | "xmp"
    )
}

pub(super) const FORMATTING: &[&str] = &[
    "a", "b", "big", "code", "em", "font", "i", "nobr", "s", "small", "strike", "strong", "tt", "u",
];

/// Boundaries of the default scope.
pub(super) fn is_scope(n: &str) -> bool {
    matches!(
        n,
        "applet" | "caption" | "html" | "table" | "td" | "th" | "marquee" | "object" | "template"
    )
}

/// Elements that bound the list of active formatting elements.
pub(super) fn is_marker(n: &str) -> bool {
    matches!(
        n,
        "applet" | "caption" | "td" | "th" | "marquee" | "object" | "template"
    )
}

/// HTML start tags that end foreign (SVG/MathML) content.
pub(super) const BREAKOUT: &[&str] = &[
    "b",
    "big",
    "blockquote",
    "body",
    "br",
    "center",
    "code",
    "dd",
    "div",
    "dl",
    "dt",
    "em",
    "embed",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "hr",
    "i",
    "img",
    "li",
    "listing",
    "menu",
    "meta",
    "nobr",
    "ol",
    "p",
    "pre",
    "ruby",
    "s",
    "small",
    "span",
    "strong",
    "strike",
    "sub",
    "sup",
    "table",
    "tt",
    "u",
    "ul",
    "var",
];

/// The name as a static string when it is a common tag (no allocation per element), else owned.
pub(super) fn intern(n: &str) -> Cow<'static, str> {
    let s: &'static str = match n {
        "a" => "a",
        "abbr" => "abbr",
        "address" => "address",
        "applet" => "applet",
        "area" => "area",
        "article" => "article",
        "aside" => "aside",
        "audio" => "audio",
        "b" => "b",
        "base" => "base",
        "basefont" => "basefont",
        "bgsound" => "bgsound",
        "big" => "big",
        "blockquote" => "blockquote",
        "body" => "body",
        "br" => "br",
        "button" => "button",
        "canvas" => "canvas",
        "caption" => "caption",
        "center" => "center",
        "circle" => "circle",
        "cite" => "cite",
        "code" => "code",
        "col" => "col",
        "colgroup" => "colgroup",
        "dd" => "dd",
        "del" => "del",
        "details" => "details",
        "dir" => "dir",
        "div" => "div",
        "dl" => "dl",
        "dt" => "dt",
        "em" => "em",
        "embed" => "embed",
        "fieldset" => "fieldset",
        "figcaption" => "figcaption",
        "figure" => "figure",
        "font" => "font",
        "footer" => "footer",
        "form" => "form",
        "frame" => "frame",
        "frameset" => "frameset",
        "g" => "g",
        "h1" => "h1",
        "h2" => "h2",
        "h3" => "h3",
        "h4" => "h4",
        "h5" => "h5",
        "h6" => "h6",
        "head" => "head",
        "header" => "header",
        "hgroup" => "hgroup",
        "hr" => "hr",
        "html" => "html",
        "i" => "i",
        "iframe" => "iframe",
        "img" => "img",
        "input" => "input",
        "ins" => "ins",
        "keygen" => "keygen",
        "label" => "label",
        "li" => "li",
        "link" => "link",
        "listing" => "listing",
        "main" => "main",
        "mark" => "mark",
        "marquee" => "marquee",
        "math" => "math",
        "menu" => "menu",
        "meta" => "meta",
        "nav" => "nav",
        "nobr" => "nobr",
        "noembed" => "noembed",
        "noframes" => "noframes",
        "noscript" => "noscript",
        "object" => "object",
        "ol" => "ol",
        "optgroup" => "optgroup",
        "option" => "option",
        "p" => "p",
        "param" => "param",
        "path" => "path",
        "picture" => "picture",
        "plaintext" => "plaintext",
        "pre" => "pre",
        "q" => "q",
        "rect" => "rect",
        "s" => "s",
        "script" => "script",
        "search" => "search",
        "section" => "section",
        "select" => "select",
        "small" => "small",
        "source" => "source",
        "span" => "span",
        "strike" => "strike",
        "strong" => "strong",
        "style" => "style",
        "sub" => "sub",
        "summary" => "summary",
        "sup" => "sup",
        "svg" => "svg",
        "table" => "table",
        "tbody" => "tbody",
        "td" => "td",
        "template" => "template",
        "textarea" => "textarea",
        "tfoot" => "tfoot",
        "th" => "th",
        "thead" => "thead",
        "time" => "time",
        "title" => "title",
        "tr" => "tr",
        "track" => "track",
        "tt" => "tt",
        "u" => "u",
        "ul" => "ul",
        "use" => "use",
        "video" => "video",
        "wbr" => "wbr",
        "xmp" => "xmp",
        _ => return Cow::Owned(n.to_owned()),
    };
    Cow::Borrowed(s)
}

pub(super) fn is_heading(n: &str) -> bool {
    matches!(n, "h1" | "h2" | "h3" | "h4" | "h5" | "h6")
}
