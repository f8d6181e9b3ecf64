//! A webhook URL that passed the guard. Slack's secret is the URL's path,
//! so nothing here ever prints past the host.

use std::net::{IpAddr, SocketAddr};

use url::{Host, Url};

use super::addr::AllowList;

/// Why a webhook URL was refused: one sentence, never the URL's path.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum UrlError {
    #[error("the webhook URL is not a valid URL")]
    Invalid,
    #[error("the webhook URL must start with https://")]
    NotHttps,
    #[error(
        "the webhook URL must start with https:// (http:// is only for addresses listed in webhook_allow_private)"
    )]
    HttpNotAllowed,
    #[error("the webhook URL must not contain a user name or password")]
    Userinfo,
    #[error("the webhook URL must name a host")]
    NoHost,
    #[error(
        "the webhook URL points at a private address ({0}); only public addresses, or those listed in webhook_allow_private, can receive webhooks"
    )]
    Private(IpAddr),
    #[error("the webhook URL's host ({0}) could not be found")]
    NotFound(String),
}

/// A webhook URL: https (or http to a listed address), no credentials, a
/// host whose addresses were all allowed when it was checked. The send
/// checks the addresses again as it connects.
#[derive(Clone, PartialEq, Eq)]
pub struct WebhookUrl {
    url: Url,
}

impl WebhookUrl {
    /// Checks `s` for the webhook guard: its shape, an IP-literal host at
    /// once, and a name by resolving it (refused if any address is neither
    /// public nor in `allow`).
    pub async fn check(s: &str, allow: &AllowList) -> Result<WebhookUrl, UrlError> {
        let target = WebhookUrl::check_shape(s, allow)?;
        if let Some(Host::Domain(name)) = target.url.host() {
            let addrs = lookup(name)
                .await
                .map_err(|_| UrlError::NotFound(name.to_owned()))?;
            if let Some(ip) = first_refused(&addrs, allow, target.is_http()) {
                // Over http a public address is refused for the scheme, not the address.
                return Err(if allow.permits(ip) {
                    UrlError::HttpNotAllowed
                } else {
                    UrlError::Private(ip)
                });
            }
        }
        Ok(target)
    }

    /// Everything but resolving a name: for validating where no lookup is
    /// wanted. The address is still checked when a message is sent.
    pub fn check_shape(s: &str, allow: &AllowList) -> Result<WebhookUrl, UrlError> {
        let url = Url::parse(s).map_err(|_| {
            if s.contains("://") {
                UrlError::Invalid
            } else {
                UrlError::NotHttps
            }
        })?;
        if !matches!(url.scheme(), "https" | "http") {
            return Err(UrlError::NotHttps);
        }
        if !url.username().is_empty() || url.password().is_some() {
            return Err(UrlError::Userinfo);
        }
        let target = WebhookUrl { url };
        target.judge_literal(allow)?;
        Ok(target)
    }

    /// The part of a literal-address URL that needs no DNS; reqwest never
    /// asks the resolver about an IP literal, so this is its only check.
    pub(crate) fn judge_literal(&self, allow: &AllowList) -> Result<(), UrlError> {
        let ip = match self.url.host() {
            None => return Err(UrlError::NoHost),
            Some(Host::Domain("")) => return Err(UrlError::NoHost),
            // Nothing is listed, so no name can qualify for http: no lookup needed.
            Some(Host::Domain(_)) if self.is_http() && allow.is_empty() => {
                return Err(UrlError::HttpNotAllowed);
            }
            Some(Host::Domain(_)) => return Ok(()),
            Some(Host::Ipv4(v4)) => IpAddr::V4(v4),
            Some(Host::Ipv6(v6)) => IpAddr::V6(v6),
        };
        if !allow.permits(ip) {
            Err(UrlError::Private(ip))
        } else if self.is_http() && !allow.covers(ip) {
            Err(UrlError::HttpNotAllowed)
        } else {
            Ok(())
        }
    }

    pub(crate) fn is_http(&self) -> bool {
        self.url.scheme() == "http"
    }

    pub(crate) fn url(&self) -> &Url {
        &self.url
    }

    /// "https://hooks.slack.com/…": safe for logs and messages.
    pub fn redacted(&self) -> String {
        let port = self.url.port().map(|p| format!(":{p}")).unwrap_or_default();
        let host = self.url.host_str().unwrap_or("");
        format!("{}://{host}{port}/…", self.url.scheme())
    }

    /// The whole URL, secret path included: only for storing it and sending to it.
    pub fn as_secret_str(&self) -> &str {
        self.url.as_str()
    }
}

impl std::fmt::Debug for WebhookUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "WebhookUrl({})", self.redacted())
    }
}

impl std::fmt::Display for WebhookUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.redacted())
    }
}

pub(crate) async fn lookup(name: &str) -> std::io::Result<Vec<SocketAddr>> {
    // url keeps an IPv6 literal's brackets, but names never have them.
    let addrs: Vec<SocketAddr> = tokio::net::lookup_host((name, 0)).await?.collect();
    if addrs.is_empty() {
        return Err(std::io::Error::other("no addresses"));
    }
    Ok(addrs)
}

/// The first address a webhook may not reach: over http only listed
/// addresses qualify (plain text must stay inside the operator's network);
/// over https public ones too.
pub(crate) fn first_refused(addrs: &[SocketAddr], allow: &AllowList, http: bool) -> Option<IpAddr> {
    addrs.iter().map(SocketAddr::ip).find(|&ip| {
        if http {
            !allow.covers(ip)
        } else {
            !allow.permits(ip)
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECRET: &str = "T000/B000/XXXXsecretXXXX";

    fn shape(s: &str, allow: &AllowList) -> Result<WebhookUrl, UrlError> {
        WebhookUrl::check_shape(s, allow)
    }

    #[test]
    fn shape_rules() {
        let none = AllowList::none();
        let lo = AllowList::parse(["127.0.0.1/32", "::1/128"]).unwrap();
        let ok = format!("https://hooks.slack.com/services/{SECRET}");
        assert!(shape(&ok, &none).is_ok());
        assert!(shape("https://93.184.215.14/hook", &none).is_ok());
        for (s, allow, want) in [
            ("hooks.slack.com/services/x", &none, UrlError::NotHttps),
            ("ftp://hooks.slack.com/x", &none, UrlError::NotHttps),
            ("javascript:alert(1)", &none, UrlError::NotHttps),
            ("https://", &none, UrlError::Invalid),
            ("https://u:p@hooks.slack.com/x", &none, UrlError::Userinfo),
            ("https://u@hooks.slack.com/x", &none, UrlError::Userinfo),
            ("http://93.184.215.14/x", &none, UrlError::HttpNotAllowed),
            ("http://93.184.215.14/x", &lo, UrlError::HttpNotAllowed),
            (
                "https://127.0.0.1/x",
                &none,
                UrlError::Private("127.0.0.1".parse().unwrap()),
            ),
            (
                "http://127.0.0.1/x",
                &none,
                UrlError::Private("127.0.0.1".parse().unwrap()),
            ),
            // url normalises odd spellings of an address, so they are judged too.
            (
                "https://0x7f.1/x",
                &none,
                UrlError::Private("127.0.0.1".parse().unwrap()),
            ),
            (
                "https://2130706433/x",
                &none,
                UrlError::Private("127.0.0.1".parse().unwrap()),
            ),
            (
                "https://[::1]/x",
                &none,
                UrlError::Private("::1".parse().unwrap()),
            ),
            (
                "https://[::ffff:169.254.169.254]/x",
                &none,
                UrlError::Private("::ffff:a9fe:a9fe".parse().unwrap()),
            ),
            (
                "https://10.1.2.3/x",
                &lo,
                UrlError::Private("10.1.2.3".parse().unwrap()),
            ),
        ] {
            assert_eq!(shape(s, allow), Err(want), "{s}");
        }
        assert!(shape("http://127.0.0.1:9/x", &lo).is_ok());
        assert!(shape("https://[::1]:9/x", &lo).is_ok());
    }

    #[test]
    fn messages_never_show_the_path() {
        let none = AllowList::none();
        for s in [
            format!("http://8.8.8.8/{SECRET}"),
            format!("https://10.1.2.3/{SECRET}"),
            format!("https://u:{SECRET}@example.com/"),
            format!("https://exa mple.com/{SECRET}"),
        ] {
            let err = shape(&s, &none).unwrap_err().to_string();
            assert!(!err.contains("secret"), "{err}");
            assert!(err.starts_with("the webhook URL"), "{err}");
        }
        assert_eq!(
            shape("https://10.1.2.3/x", &none).unwrap_err().to_string(),
            "the webhook URL points at a private address (10.1.2.3); only public addresses, or those listed in webhook_allow_private, can receive webhooks"
        );
    }

    #[test]
    fn redacted_shows_scheme_and_host_only() {
        let u = shape(
            &format!("https://hooks.slack.com/services/{SECRET}?q=1#f"),
            &AllowList::none(),
        )
        .unwrap();
        assert_eq!(u.to_string(), "https://hooks.slack.com/…");
        assert_eq!(format!("{u:?}"), "WebhookUrl(https://hooks.slack.com/…)");
        assert!(u.as_secret_str().contains(SECRET));
        let lo = AllowList::parse(["::1"]).unwrap();
        assert_eq!(
            shape("http://[::1]:8065/hooks/abc", &lo)
                .unwrap()
                .redacted(),
            "http://[::1]:8065/…"
        );
    }

    #[tokio::test]
    async fn names_are_resolved_and_judged() {
        let none = AllowList::none();
        assert!(matches!(
            WebhookUrl::check("https://localhost/x", &none).await,
            Err(UrlError::Private(ip)) if ip.is_loopback()
        ));
        // The .invalid top-level domain never resolves (RFC 6761).
        assert_eq!(
            WebhookUrl::check("https://no-such-host.invalid/x", &none).await,
            Err(UrlError::NotFound("no-such-host.invalid".into()))
        );
        let lo = AllowList::parse(["127.0.0.0/8", "::1/128"]).unwrap();
        assert!(WebhookUrl::check("http://localhost:9/x", &lo).await.is_ok());
    }

    #[test]
    fn http_needs_every_address_listed() {
        let lo = AllowList::parse(["127.0.0.1/32"]).unwrap();
        let addrs: Vec<SocketAddr> =
            vec!["127.0.0.1:0".parse().unwrap(), "8.8.8.8:0".parse().unwrap()];
        assert_eq!(first_refused(&addrs, &lo, false), None);
        assert_eq!(
            first_refused(&addrs, &lo, true),
            Some("8.8.8.8".parse().unwrap())
        );
        let mixed: Vec<SocketAddr> = vec!["8.8.8.8:0".parse().unwrap(), "[::1]:0".parse().unwrap()];
        assert_eq!(
            first_refused(&mixed, &lo, false),
            Some("::1".parse().unwrap())
        );
    }
}
