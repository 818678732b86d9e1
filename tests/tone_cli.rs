//! `baohoa tone` end to end: the real binary on plain and JSONL lines.
use std::io::Write;
use std::process::{Command, Stdio};

fn run(input: &str) -> anyhow::Result<(bool, String, String)> {
    let mut child = Command::new(env!("CARGO_BIN_EXE_baohoa"))
        .arg("tone")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()?;
    child
        .stdin
        .take()
        .ok_or_else(|| anyhow::anyhow!("no stdin"))?
        .write_all(input.as_bytes())?;
    let out = child.wait_with_output()?;
    Ok((
        out.status.success(),
        String::from_utf8(out.stdout)?,
        String::from_utf8(out.stderr)?,
    ))
}

#[test]
fn plain_and_jsonl_lines() -> anyhow::Result<()> {
    let input = "Bắt giữ nghi phạm trộm cắp\n\
                 bắt tạm_giam đối_tượng lừa_đảo chiếm_đoạt tài_sản\n\
                 {\"id\": 7, \"title\": \"SỐC: cảnh tượng kinh hoàng!!\", \"lead\": \"Không có thương vong.\", \"body\": \"\"}\n\
                 Tuyên truyền phòng chống ma túy\n";
    let (ok, out, err) = run(input)?;
    assert!(ok, "{err}");
    let rows: Vec<serde_json::Value> = out.lines().map(serde_json::from_str).collect::<Result<_, _>>()?;
    assert_eq!(rows.len(), 4);
    let get = |i: usize, k: &str| rows.get(i).and_then(|r| r.get(k)).cloned().unwrap_or_default();
    assert_eq!(get(0, "negative"), true);
    assert_eq!(get(1, "negative"), true);
    assert_eq!(get(2, "sensational"), true);
    assert_eq!(get(2, "id"), 7);
    assert_eq!(get(3, "negative"), false);
    let m = get(0, "matches");
    let first = m.get(0).cloned().unwrap_or_default();
    assert_eq!(first.get("field"), Some(&serde_json::json!("title")));
    assert_eq!(first.get("start"), Some(&serde_json::json!(0)));
    assert_eq!(first.get("text"), Some(&serde_json::json!("Bắt giữ")));
    assert!(get(0, "categories").as_array().is_some_and(|c| !c.is_empty()));
    Ok(())
}

#[test]
fn bad_json_line_is_an_error_with_its_line_number() -> anyhow::Result<()> {
    let (ok, _, err) = run("ok title\n{\"title\": \n")?;
    assert!(!ok);
    assert!(err.contains("line 2"), "{err}");
    Ok(())
}
