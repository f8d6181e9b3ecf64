// `sqlx::migrate!` embeds migrations/ at compile time; rebuild when a file
// is added there, not only when Rust code changes.
fn main() {
    println!("cargo:rerun-if-changed=migrations");
}
