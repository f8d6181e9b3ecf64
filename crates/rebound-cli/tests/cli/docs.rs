//! `rebound completions SHELL` and `rebound man`: generated from the real
//! command tree, written without touching any database.

use crate::harness::Rebound;

#[test]
fn completions_for_every_shell_name_the_commands_and_bash_loads_them() {
    let r = Rebound::new();
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let run = r.run(&["completions", shell]);
        assert_eq!(run.code, 0, "{shell}: {}", run.stderr);
        for word in ["oops", "heads-up", "notifications"] {
            assert!(run.stdout.contains(word), "{shell} completes {word}");
        }
    }
    assert!(!r.data_dir().exists(), "no database was opened");

    // Bash itself loads the script and registers the completion.
    let script = r.dir.path().join("rebound.bash");
    std::fs::write(&script, r.run(&["completions", "bash"]).stdout).unwrap();
    let out = std::process::Command::new("bash")
        .arg("-c")
        .arg(format!(
            "source {} && complete -p rebound",
            script.display()
        ))
        .output()
        .expect("run bash");
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(said.contains("rebound"), "{said}");
}

#[test]
fn an_unknown_shell_is_refused_with_the_ones_there_are() {
    let run = Rebound::new().run(&["completions", "tcsh"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("tcsh"), "{}", run.stderr);
    assert!(
        run.stderr.contains("bash") && run.stderr.contains("powershell"),
        "{}",
        run.stderr
    );
}

#[test]
fn man_prints_the_page_or_writes_one_per_command() {
    let r = Rebound::new();
    let run = r.run(&["man"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains(".TH rebound 1"), "{}", run.stdout);
    assert!(run.stdout.contains("oops"), "the commands are listed");

    let dir = r.dir.path().join("man/man1");
    let run = r.run(&["man", "--dir", dir.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("manual pages"), "{}", run.stdout);
    let page = std::fs::read_to_string(dir.join("rebound-plan-open.1")).unwrap();
    assert!(
        page.contains(&format!(
            ".TH rebound-plan-open 1  \"rebound {}\" Rebound",
            env!("CARGO_PKG_VERSION")
        )),
        "{page}"
    );
    assert!(page.contains("\\-\\-report"), "its flags: {page}");
    for name in ["rebound.1", "rebound-oops.1", "rebound-heads-up-send.1"] {
        assert!(dir.join(name).is_file(), "{name}");
    }
    assert!(!r.data_dir().exists(), "no database was opened");
}
