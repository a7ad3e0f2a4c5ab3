//! A reader that goes away (`posture rules list | head -1`) ends the command quietly, with the
//! status a shell reports for SIGPIPE, instead of a panic message.

use std::io::Read;
use std::process::{Command, Stdio};

#[test]
fn closed_stdout_is_not_a_panic() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_posture"))
        .args(["rules", "list", "--format", "json"])
        .env("NO_COLOR", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start posture");
    let mut first = [0u8; 16];
    let mut out = child.stdout.take().expect("stdout");
    out.read_exact(&mut first).expect("some output");
    drop(out);
    let status = child.wait().expect("wait");
    let mut err = String::new();
    child
        .stderr
        .take()
        .expect("stderr")
        .read_to_string(&mut err)
        .expect("stderr text");
    assert!(!err.contains("panicked"), "{err}");
    assert!(
        status.code() == Some(141) || status.success(),
        "{status:?} {err}"
    );
}
