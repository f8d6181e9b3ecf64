//! `rebound login|logout|whoami`: sign in to a server (an API token kept in
//! the login file), sign out (the token revoked), and who am I.

use crate::args::{JsonFlag, LoginArgs};
use crate::context::plain;
use crate::error::{CliError, Result};
use crate::input::{ask, interactive};
use crate::mode::Mode;
use crate::remote::account::{self, Revoked};
use crate::remote::http::{Auth, Http, normalize};
use crate::remote::login_file::{self, Login};
use serde_json::json;
use std::io::{BufRead, IsTerminal};

pub async fn login(server: Option<&str>, a: LoginArgs) -> Result<()> {
    // A damaged login file is simply replaced.
    let previous = login_file::read().ok().flatten();
    let server = match (server, &previous) {
        (Some(s), _) => normalize(s)?,
        (None, Some(p)) => p.server.clone(),
        (None, None) => {
            return Err(CliError::invalid(
                "give the server to sign in to: rebound login --server https://rebound.example.com",
            ));
        }
    };
    if server.starts_with("http://") && !is_loopback(&server) {
        eprintln!(
            "warning: {server} is plain HTTP: your password and token cross the network unencrypted"
        );
    }
    let same_server = previous.as_ref().filter(|p| p.server == server);
    let email = match a.email.or_else(|| same_server.map(|p| p.email.clone())) {
        Some(e) => e,
        None if interactive() => {
            ask("Email:")?.ok_or_else(|| CliError::invalid("the email is empty: give --email"))?
        }
        None => return Err(CliError::invalid("give your account's email with --email")),
    };
    let password = read_password(a.password_stdin, &email, &server)?;
    let name = format!("rebound CLI on {}", hostname());
    let (user, issued) = account::issue_token(&server, &email, &password, &name).await?;
    let login = Login {
        server: server.clone(),
        email: user.email.to_string(),
        token_id: issued.id,
        token: issued.token,
    };
    let path = match login_file::write(&login) {
        Ok(p) => p,
        Err(e) => {
            // A token nobody holds should not stay valid.
            let _ = account::revoke(&login).await;
            return Err(e);
        }
    };
    // Signing in again replaces the earlier token: revoke it.
    if let Some(old) = previous.filter(|p| p.token_id != login.token_id)
        && let Err(e) = account::revoke(&old).await
    {
        eprintln!(
            "warning: the earlier token on {} could not be revoked: {e}",
            old.server
        );
    }
    println!(
        "Signed in to {server} as {} <{}>.",
        user.display_name, user.email
    );
    eprintln!(
        "Commands now run against the server (--local uses this computer's database). The token \"{name}\" is kept in {}; `rebound logout` revokes it.",
        path.display()
    );
    Ok(())
}

pub async fn logout() -> Result<()> {
    let Some(login) = login_file::read()? else {
        println!("Not signed in.");
        return Ok(());
    };
    let revoked = account::revoke(&login).await.map_err(|e| match e {
        CliError::Server(m) => CliError::Server(format!(
            "{m}; still signed in, as the token could not be revoked (delete {} to forget it anyway)",
            login_file::path()
                .map(|p| p.display().to_string())
                .unwrap_or_default()
        )),
        other => other,
    })?;
    login_file::remove()?;
    match revoked {
        Revoked::Now => println!("Signed out of {}: the token is revoked.", login.server),
        Revoked::Already => println!(
            "Signed out of {} (the token had already stopped working).",
            login.server
        ),
    }
    Ok(())
}

pub async fn whoami(mode: Mode, out: JsonFlag) -> Result<()> {
    let (server, token) = match mode {
        Mode::Remote { server, token } => (server, token),
        Mode::Local => {
            if out.json {
                println!("{}", json!({ "server": null, "user": null }));
            } else {
                println!("Not signed in to a server: commands use this computer's database.");
            }
            return Ok(());
        }
    };
    let http = Http::new(&server, Auth::Token(token))?;
    let user = account::me(&http).await?;
    if out.json {
        println!("{}", json!({ "server": server, "user": user }));
    } else {
        println!(
            "{} <{}> on {server} ({})",
            user.display_name,
            user.email,
            serde_json::to_value(user.role)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default()
        );
    }
    Ok(())
}

/// One line from stdin with `--password-stdin`; otherwise asked on the
/// terminal without echo.
pub(crate) fn read_password(from_stdin: bool, email: &str, server: &str) -> Result<String> {
    let password = if from_stdin {
        let mut line = String::new();
        std::io::stdin()
            .lock()
            .read_line(&mut line)
            .map_err(|e| CliError::Io(format!("cannot read the password: {}", plain(&e))))?;
        line.trim_end_matches(['\r', '\n']).to_string()
    } else if std::io::stdin().is_terminal() {
        rpassword::prompt_password(format!("Password for {email} on {server}: "))
            .map_err(|e| CliError::Io(format!("cannot read the password: {}", plain(&e))))?
    } else {
        return Err(CliError::invalid(
            "no terminal to ask for the password: pipe it in with --password-stdin",
        ));
    };
    if password.is_empty() {
        return Err(CliError::invalid("the password is empty"));
    }
    Ok(password)
}

fn is_loopback(server: &str) -> bool {
    reqwest::Url::parse(server)
        .ok()
        .and_then(|u| u.host_str().map(str::to_string))
        .is_some_and(|h| {
            h == "localhost"
                || h.trim_matches(['[', ']'])
                    .parse::<std::net::IpAddr>()
                    .is_ok_and(|ip| ip.is_loopback())
        })
}

/// This computer's name, to name the token ("rebound CLI on laptop").
fn hostname() -> String {
    let from_file = ["/proc/sys/kernel/hostname", "/etc/hostname"]
        .iter()
        .find_map(|p| std::fs::read_to_string(p).ok());
    let from_env = || {
        std::env::var("HOSTNAME")
            .or_else(|_| std::env::var("COMPUTERNAME"))
            .ok()
    };
    let from_command = || {
        std::process::Command::new("hostname")
            .output()
            .ok()
            .filter(|o| o.status.success())
            .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
    };
    from_file
        .or_else(from_env)
        .or_else(from_command)
        .map(|h| h.trim().chars().take(60).collect::<String>())
        .filter(|h| !h.is_empty())
        .unwrap_or_else(|| "this computer".to_string())
}
