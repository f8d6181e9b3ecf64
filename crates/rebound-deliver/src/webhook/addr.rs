//! Which addresses a webhook may reach: public ones, plus the ranges the
//! operator lists in `webhook_allow_private`. `Ipv4Addr::is_global` is
//! unstable, so the table of non-public ranges is written out here.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

/// IPv4 ranges no webhook may reach unless allowed: "this network",
/// private, shared (CGNAT), loopback, link-local (cloud metadata lives at
/// 169.254.169.254), IETF protocol assignments, benchmarking, multicast,
/// reserved and broadcast (inside 240/4).
const PRIVATE_V4: [(Ipv4Addr, u8); 11] = [
    (Ipv4Addr::new(0, 0, 0, 0), 8),
    (Ipv4Addr::new(10, 0, 0, 0), 8),
    (Ipv4Addr::new(100, 64, 0, 0), 10),
    (Ipv4Addr::new(127, 0, 0, 0), 8),
    (Ipv4Addr::new(169, 254, 0, 0), 16),
    (Ipv4Addr::new(172, 16, 0, 0), 12),
    (Ipv4Addr::new(192, 0, 0, 0), 24),
    (Ipv4Addr::new(192, 168, 0, 0), 16),
    (Ipv4Addr::new(198, 18, 0, 0), 15),
    (Ipv4Addr::new(224, 0, 0, 0), 4),
    (Ipv4Addr::new(240, 0, 0, 0), 4),
];

/// IPv6 ranges refused outright: IPv4-compatible (deprecated; covers `::`
/// and `::1`), local-use NAT64, unique local, link-local, the old
/// site-local, multicast.
const PRIVATE_V6: [(Ipv6Addr, u8); 6] = [
    (Ipv6Addr::new(0, 0, 0, 0, 0, 0, 0, 0), 96),
    (Ipv6Addr::new(0x64, 0xff9b, 1, 0, 0, 0, 0, 0), 48),
    (Ipv6Addr::new(0xfc00, 0, 0, 0, 0, 0, 0, 0), 7),
    (Ipv6Addr::new(0xfe80, 0, 0, 0, 0, 0, 0, 0), 10),
    (Ipv6Addr::new(0xfec0, 0, 0, 0, 0, 0, 0, 0), 10),
    (Ipv6Addr::new(0xff00, 0, 0, 0, 0, 0, 0, 0), 8),
];

fn in_v4(ip: Ipv4Addr, net: Ipv4Addr, prefix: u8) -> bool {
    let mask = u32::MAX.checked_shl(32 - u32::from(prefix)).unwrap_or(0);
    u32::from(ip) & mask == u32::from(net) & mask
}

fn in_v6(ip: Ipv6Addr, net: Ipv6Addr, prefix: u8) -> bool {
    let mask = u128::MAX.checked_shl(128 - u32::from(prefix)).unwrap_or(0);
    u128::from(ip) & mask == u128::from(net) & mask
}

/// The IPv4 address an IPv6 one stands for, where the network would carry
/// it to that IPv4 host: IPv4-mapped (::ffff:0:0/96), NAT64
/// (64:ff9b::/96) and 6to4 (2002::/16, the next 32 bits).
fn embedded_v4(ip: Ipv6Addr) -> Option<Ipv4Addr> {
    let bits = u128::from(ip);
    let low32 = Ipv4Addr::from(bits as u32);
    if let Some(v4) = ip.to_ipv4_mapped() {
        Some(v4)
    } else if in_v6(ip, Ipv6Addr::new(0x64, 0xff9b, 0, 0, 0, 0, 0, 0), 96) {
        Some(low32)
    } else if ip.segments()[0] == 0x2002 {
        Some(Ipv4Addr::from((bits >> 80) as u32))
    } else {
        None
    }
}

/// Whether `ip` is an ordinary Internet address (not loopback, private,
/// link-local, multicast, reserved, or an IPv6 wrapper around one).
pub fn is_public(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => !PRIVATE_V4.iter().any(|&(n, p)| in_v4(v4, n, p)),
        IpAddr::V6(v6) => match embedded_v4(v6) {
            Some(v4) => is_public(IpAddr::V4(v4)),
            None => !PRIVATE_V6.iter().any(|&(n, p)| in_v6(v6, n, p)),
        },
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Cidr {
    net: IpAddr,
    prefix: u8,
}

impl Cidr {
    /// "10.0.0.0/8", "fd00::/8", or a bare address (one host).
    fn parse(s: &str) -> Option<Cidr> {
        let (addr, prefix) = match s.trim().split_once('/') {
            Some((a, p)) => (a, Some(p)),
            None => (s.trim(), None),
        };
        let net: IpAddr = addr.parse().ok()?;
        let max = if net.is_ipv4() { 32 } else { 128 };
        let prefix = match prefix {
            // Digits only: "+8" or " 8" would parse as a u8 but is not CIDR.
            Some(p) if !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()) => p.parse().ok()?,
            Some(_) => return None,
            None => max,
        };
        (prefix <= max).then_some(Cidr { net, prefix })
    }

    fn contains(&self, ip: IpAddr) -> bool {
        match (self.net, ip) {
            (IpAddr::V4(n), IpAddr::V4(a)) => in_v4(a, n, self.prefix),
            (IpAddr::V6(n), IpAddr::V6(a)) => in_v6(a, n, self.prefix),
            _ => false,
        }
    }
}

/// The non-public ranges webhooks may reach anyway (`webhook_allow_private`),
/// e.g. a Mattermost on the office network, or a test receiver on loopback.
/// Empty by default.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AllowList(Vec<Cidr>);

/// A `webhook_allow_private` entry that is not an address range.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "webhook_allow_private has an entry that is not an address range such as \"10.0.0.0/8\" or \"127.0.0.1/32\": {entry:?}"
)]
pub struct AllowListError {
    pub entry: String,
}

impl AllowList {
    /// Public addresses only.
    pub fn none() -> AllowList {
        AllowList::default()
    }

    /// From the setting's CIDR strings; a bare address means that one host.
    pub fn parse<I, S>(entries: I) -> Result<AllowList, AllowListError>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        entries
            .into_iter()
            .map(|e| {
                Cidr::parse(e.as_ref()).ok_or_else(|| AllowListError {
                    entry: e.as_ref().to_owned(),
                })
            })
            .collect::<Result<_, _>>()
            .map(AllowList)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Whether the operator listed `ip` (an IPv4-mapped IPv6 address counts
    /// as its IPv4 address, as the kernel would connect to it).
    pub fn covers(&self, ip: IpAddr) -> bool {
        let canonical = ip.to_canonical();
        self.0
            .iter()
            .any(|c| c.contains(ip) || c.contains(canonical))
    }

    /// Whether a webhook may connect to `ip`: public, or listed.
    pub fn permits(&self, ip: IpAddr) -> bool {
        is_public(ip) || self.covers(ip)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn public(s: &str) -> bool {
        is_public(s.parse().unwrap())
    }

    #[test]
    fn private_v4_table_edges() {
        for (inside, outside) in [
            ("0.255.255.255", "1.0.0.0"),
            ("10.0.0.0", "9.255.255.255"),
            ("10.255.255.255", "11.0.0.0"),
            ("100.64.0.0", "100.63.255.255"),
            ("100.127.255.255", "100.128.0.0"),
            ("127.0.0.1", "128.0.0.0"),
            ("127.255.255.255", "126.255.255.255"),
            ("169.254.169.254", "169.255.0.0"),
            ("169.254.0.0", "169.253.255.255"),
            ("172.16.0.0", "172.15.255.255"),
            ("172.31.255.255", "172.32.0.0"),
            ("192.0.0.0", "192.0.1.0"),
            ("192.0.0.255", "191.255.255.255"),
            ("192.168.0.1", "192.169.0.0"),
            ("192.168.255.255", "192.167.255.255"),
            ("198.18.0.0", "198.17.255.255"),
            ("198.19.255.255", "198.20.0.0"),
            ("224.0.0.1", "223.255.255.255"),
            ("239.255.255.255", "8.8.8.8"),
            ("240.0.0.0", "1.1.1.1"),
            ("255.255.255.255", "203.0.114.1"),
        ] {
            assert!(!public(inside), "{inside} should be refused");
            assert!(public(outside), "{outside} should be public");
        }
    }

    #[test]
    fn private_v6_table() {
        for refused in [
            "::",
            "::1",
            "::127.0.0.1",
            "fc00::1",
            "fdff:ffff::1",
            "fe80::1",
            "febf::1",
            "fec0::1",
            "ff02::1",
            "ff00::",
            "64:ff9b:1::1",
            // IPv6 wrappers around private IPv4 addresses.
            "::ffff:127.0.0.1",
            "::ffff:10.1.2.3",
            "::ffff:169.254.169.254",
            "64:ff9b::10.0.0.1",
            "64:ff9b::7f00:1",
            "2002:7f00:1::",
            "2002:a9fe:a9fe::1",
            "2002:c0a8:0101:1::",
        ] {
            assert!(!public(refused), "{refused} should be refused");
        }
        for ok in [
            "2a00:1450:4001:80b::200e",
            "2606:4700::1111",
            "fbff:ffff::1",
            "fe7f::1",
            "::ffff:8.8.8.8",
            "64:ff9b::8.8.8.8",
            "2002:0808:0808::1",
            "64:ff9b:2::1",
        ] {
            assert!(public(ok), "{ok} should be public");
        }
    }

    #[test]
    fn embedded_v4_reads_the_right_bits() {
        let e = |s: &str| embedded_v4(s.parse().unwrap());
        assert_eq!(e("::ffff:1.2.3.4"), Some(Ipv4Addr::new(1, 2, 3, 4)));
        assert_eq!(e("64:ff9b::1.2.3.4"), Some(Ipv4Addr::new(1, 2, 3, 4)));
        assert_eq!(e("2002:0102:0304::9"), Some(Ipv4Addr::new(1, 2, 3, 4)));
        assert_eq!(e("2001:db8::1"), None);
    }

    #[test]
    fn allow_list_parses_and_covers() {
        let allow =
            AllowList::parse(["127.0.0.1/32", "10.0.0.0/8", "fd00::/8", "192.168.1.7"]).unwrap();
        for yes in [
            "127.0.0.1",
            "10.9.8.7",
            "fd12::1",
            "192.168.1.7",
            "::ffff:127.0.0.1",
        ] {
            assert!(allow.covers(yes.parse().unwrap()), "{yes}");
        }
        for no in ["127.0.0.2", "fe80::1", "192.168.1.8", "::1"] {
            assert!(!allow.covers(no.parse().unwrap()), "{no}");
            assert!(!allow.permits(no.parse().unwrap()), "{no}");
        }
        // Public but not listed: permitted over https, not covered for http.
        assert!(!allow.covers("11.0.0.1".parse().unwrap()));
        assert!(allow.permits("11.0.0.1".parse().unwrap()));
        assert!(AllowList::none().permits("8.8.8.8".parse().unwrap()));
        assert!(!AllowList::none().permits("127.0.0.1".parse().unwrap()));
        let all = AllowList::parse(["0.0.0.0/0"]).unwrap();
        assert!(all.permits("169.254.169.254".parse().unwrap()));
    }

    #[test]
    fn bad_allow_entries_name_the_setting() {
        for bad in [
            "",
            "10.0.0.0/33",
            "::/129",
            "10.0.0/8",
            "localhost",
            "10.0.0.0/",
            "10.0.0.0/+8",
            "10.0.0.0/8/8",
        ] {
            let err = AllowList::parse(["127.0.0.1/32", bad]).unwrap_err();
            assert_eq!(err.entry, bad);
            assert!(
                err.to_string().starts_with("webhook_allow_private "),
                "{err}"
            );
        }
    }
}
