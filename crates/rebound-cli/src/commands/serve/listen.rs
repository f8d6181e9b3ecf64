//! The listening socket: as `TcpListener::bind` makes it, or shared with
//! other servers on the same address when `reuse_port` is set.

use crate::error::{CliError, Result};
use std::net::SocketAddr;
use tokio::net::{TcpListener, TcpSocket};

/// The queue of connections not yet accepted; tokio's own `bind` uses 1024.
const BACKLOG: u32 = 1024;

/// Binds `addr`. With `reuse_port`, every process that sets it may bind the
/// same address (Linux: same user only) and the kernel spreads new
/// connections over them, so several servers on one PostgreSQL database
/// answer at one address without a proxy in front.
pub fn bind(addr: SocketAddr, reuse_port: bool) -> Result<TcpListener> {
    let socket = if addr.is_ipv4() {
        TcpSocket::new_v4()
    } else {
        TcpSocket::new_v6()
    };
    let listener = socket.and_then(|s| {
        share(&s, reuse_port)?;
        s.bind(addr)?;
        s.listen(BACKLOG)
    });
    listener.map_err(|e| {
        let hint = if e.kind() == std::io::ErrorKind::AddrInUse && !reuse_port {
            " (another program listens there; to run several servers on one address, set reuse_port on each)"
        } else {
            ""
        };
        CliError::Io(format!(
            "cannot listen on {addr}: {}{hint}",
            crate::context::plain(&e)
        ))
    })
}

/// As tokio's `bind` does on Unix: a restarted server need not wait out
/// TIME_WAIT. (On Windows SO_REUSEADDR would let another program take the
/// port, so tokio leaves it off there, and so does this.)
#[cfg(unix)]
fn share(s: &TcpSocket, reuse_port: bool) -> std::io::Result<()> {
    s.set_reuseaddr(true)?;
    if reuse_port {
        s.set_reuseport(true)?;
    }
    Ok(())
}

#[cfg(not(unix))]
fn share(_: &TcpSocket, reuse_port: bool) -> std::io::Result<()> {
    if reuse_port {
        return Err(std::io::Error::other(
            "reuse_port needs Linux or another Unix",
        ));
    }
    Ok(())
}
