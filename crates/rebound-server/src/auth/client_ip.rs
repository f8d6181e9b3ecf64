//! The client's address, for sign-in throttling. `X-Forwarded-For` is
//! believed only when the connection comes from the configured proxy, and
//! then only its last entry (the one that proxy added).

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::HeaderMap;
use axum::http::request::Parts;
use std::convert::Infallible;
use std::net::{IpAddr, SocketAddr};

/// The TCP peer, when the server was started with connection info.
pub struct Peer(pub Option<SocketAddr>);

impl<S: Send + Sync> FromRequestParts<S> for Peer {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(Peer(
            parts
                .extensions
                .get::<ConnectInfo<SocketAddr>>()
                .map(|c| c.0),
        ))
    }
}

pub fn client_ip(
    peer: Option<SocketAddr>,
    headers: &HeaderMap,
    trusted_proxy: Option<IpAddr>,
) -> Option<IpAddr> {
    let peer_ip = peer.map(|p| p.ip());
    if peer_ip.is_some() && peer_ip == trusted_proxy {
        let forwarded = headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .filter_map(|s| s.trim().parse::<IpAddr>().ok())
            .next_back();
        if forwarded.is_some() {
            return forwarded;
        }
    }
    peer_ip
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(xff: &str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert("x-forwarded-for", xff.parse().unwrap());
        h
    }

    #[test]
    fn forwarded_for_is_believed_only_from_the_trusted_proxy() {
        let proxy: IpAddr = "10.0.0.1".parse().unwrap();
        let from_proxy = Some(SocketAddr::new(proxy, 4000));
        let from_elsewhere = Some("192.0.2.7:4000".parse().unwrap());
        let h = headers("203.0.113.9, 198.51.100.4");
        assert_eq!(
            client_ip(from_proxy, &h, Some(proxy)),
            Some("198.51.100.4".parse().unwrap())
        );
        assert_eq!(
            client_ip(from_elsewhere, &h, Some(proxy)),
            Some("192.0.2.7".parse().unwrap())
        );
        assert_eq!(client_ip(from_proxy, &h, None), Some(proxy));
        assert_eq!(
            client_ip(from_proxy, &HeaderMap::new(), Some(proxy)),
            Some(proxy)
        );
    }
}
