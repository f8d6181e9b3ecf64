/// Every write transaction ends in `commit_write`, so what a write
/// carries (its audit events) can never be skipped by a path that
/// commits on its own: the crate calls commit once, there.
#[test]
fn every_transaction_commits_through_commit_write() {
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut found = Vec::new();
    let mut dirs = vec![src];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).unwrap();
                let n = text.matches(concat!(".commit", "()")).count();
                found.extend(std::iter::repeat_n(path.clone(), n));
            }
        }
    }
    let only: Vec<_> = found.iter().filter_map(|p| p.file_name()).collect();
    assert_eq!(only, ["dialect.rs"], "commit only in commit_write");
}
