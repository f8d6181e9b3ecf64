use super::*;

#[test]
fn shas_and_urls_are_checked() {
    assert_eq!(parse_sha(" 3F2A91C ").unwrap(), "3f2a91c");
    for bad in ["abc", "HEAD", "3f2a91g", &"a".repeat(65)] {
        assert!(parse_sha(bad).is_err(), "{bad}");
    }
    assert!(parse_url("https://git.example.com/pr/12").is_ok());
    for bad in [
        "javascript:alert(1)",
        "ftp://x",
        &format!("https://{}", "a".repeat(2048)),
    ] {
        assert!(parse_url(bad).is_err(), "{bad}");
    }
}
