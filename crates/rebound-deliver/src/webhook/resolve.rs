//! The DNS resolver of the webhook client: the addresses it hands reqwest
//! are the ones it judged, and reqwest connects only to those, so a name
//! that changes its answer between a check and the connection (DNS
//! rebinding) still cannot reach a private address.

use std::net::IpAddr;

use reqwest::dns::{Addrs, Name, Resolve, Resolving};

use super::addr::AllowList;
use super::target::{first_refused, lookup};

pub(crate) struct GuardedResolver {
    pub(crate) allow: AllowList,
    /// For the plain-http client: only listed addresses.
    pub(crate) http: bool,
}

/// The resolver's refusal, found again in reqwest's error chain to tell a
/// refused address (permanent) from a network failure (transient).
#[derive(Debug, thiserror::Error)]
#[error("the webhook host resolves to an address that is not allowed ({0})")]
pub(crate) struct Refused(pub(crate) IpAddr);

impl Resolve for GuardedResolver {
    fn resolve(&self, name: Name) -> Resolving {
        let allow = self.allow.clone();
        let http = self.http;
        let name = name.as_str().to_owned();
        Box::pin(async move {
            let addrs = lookup(&name).await?;
            if let Some(ip) = first_refused(&addrs, &allow, http) {
                return Err(Box::new(Refused(ip)) as _);
            }
            Ok(Box::new(addrs.into_iter()) as Addrs)
        })
    }
}

/// The address the resolver refused, if that is why `err` happened.
pub(crate) fn refused_in(err: &(dyn std::error::Error + 'static)) -> Option<IpAddr> {
    let mut cur = Some(err);
    while let Some(e) = cur {
        if let Some(r) = e.downcast_ref::<Refused>() {
            return Some(r.0);
        }
        cur = e.source();
    }
    None
}
