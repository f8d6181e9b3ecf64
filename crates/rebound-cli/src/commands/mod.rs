//! One module per subcommand, mirroring `args::Command`. Mistake commands
//! are written once against `Backend`: this machine's database or a server;
//! so are `reflect`, `manual`, `principle`, `win(s)` and `self-care`, the
//! person's own records from reflecting.

mod account;
mod backup;
mod care;
mod classify;
mod comment;
mod commit;
mod digest;
mod docs;
mod edit;
mod erase;
mod export;
mod export_data;
mod heads_up;
mod journal;
mod lifecycle;
mod link;
mod list;
mod manual;
mod note;
mod notifications;
mod notify;
mod oops;
mod plan;
mod plan_check_in;
mod playbook;
mod preferences;
mod reflect;
mod reflections;
mod reports;
mod serve;
mod share;
mod show;
mod timeline;
mod update;
mod updates;

use crate::args::{Cli, Command, HeadsUpCommand, JsonFlag};
use crate::backend::{Backend, Record};
use crate::context::Ctx;
use crate::error::{CliError, Result};
use crate::mode::{self, Choice, Mode};
use crate::remote::Remote;
use rebound_domain::MistakeId;

pub async fn run(cli: Cli) -> Result<()> {
    let Cli {
        data_dir,
        database_url,
        server,
        local,
        typed,
        command,
    } = cli;
    let choice = Choice {
        server: server.as_deref(),
        local,
        typed,
    };
    match command {
        Command::Serve(a) => serve::run(data_dir, database_url, typed, a).await,
        Command::Backup { path } => backup::backup(data_dir, database_url, path).await,
        Command::Restore { path, force } => {
            backup::restore(data_dir, database_url, path, force).await
        }
        Command::Completions { shell } => docs::completions(shell),
        Command::Man { dir } => docs::man(dir.as_deref()),
        Command::Diagnose(a) => classify::diagnose(a),
        Command::Playbook(c) => playbook::run(c, choice).await,
        Command::Lesson(c) => classify::lesson(c),
        Command::Login(a) => account::login(server.as_deref(), a).await,
        Command::Logout => account::logout().await,
        Command::Whoami { out } => account::whoami(mode::choose(choice)?, out).await,
        Command::Account(c) => erase::account(mode::choose(choice)?, c).await,
        Command::Plan(c) => plan::run(mode::choose(choice)?, c).await,
        Command::Reports { out } => reports::run(mode::choose(choice)?, out).await,
        Command::Preferences(a) => preferences::preferences(mode::choose(choice)?, a).await,
        Command::Webhook(c) => preferences::webhook(mode::choose(choice)?, c).await,
        Command::HeadsUp(HeadsUpCommand::Send(a)) => heads_up::send(mode::choose(choice)?, a).await,
        Command::Digest(c) => digest::run(mode::choose(choice)?, c).await,
        Command::Notify(c) => notify::run(data_dir, database_url, typed, c).await,
        Command::Notifications(a) => {
            let db = notifications::LocalDb {
                data_dir,
                database_url,
            };
            notifications::run(mode::choose(choice)?, db, a).await
        }
        command => match mode::choose(choice)? {
            Mode::Local => dispatch(&Ctx::open(data_dir, database_url).await?, command).await,
            Mode::Remote { server, token } => {
                dispatch(&Remote::new(&server, token)?, command).await
            }
        },
    }
}

async fn dispatch(b: &impl Backend, command: Command) -> Result<()> {
    let about = mistake_of(&command);
    let result = run_one(b, command).await;
    match about {
        Some(id) => result.map_err(|e| e.about(&id)),
        None => result,
    }
}

/// The mistake a command is about, so a refusal's hint can name it.
fn mistake_of(command: &Command) -> Option<String> {
    use crate::args::TimelineCommand;
    match command {
        Command::Check { id, .. }
        | Command::Uncheck { id, .. }
        | Command::Move { id, .. }
        | Command::Close { id, .. }
        | Command::Timeline(TimelineCommand::Add { id, .. })
        | Command::Timeline(TimelineCommand::Star { id, .. }) => Some(id.clone()),
        Command::Note(a) => Some(a.id.clone()),
        _ => None,
    }
}

async fn run_one(b: &impl Backend, command: Command) -> Result<()> {
    match command {
        Command::Oops(a) => oops::run(b, a).await,
        Command::Show { id, out } => show::run(b, &id, out).await,
        Command::List(a) => list::run(b, a).await,
        Command::Edit(a) => edit::run(b, a).await,
        Command::HeadsUp(c) => heads_up::run(b, c).await,
        Command::Timeline(c) => timeline::run(b, c).await,
        Command::Note(a) => note::run(b, a).await,
        Command::Commit(a) => commit::run(b, a).await,
        Command::Check { id, checkbox, out } => {
            lifecycle::check(b, &id, &checkbox, true, out).await
        }
        Command::Uncheck { id, checkbox, out } => {
            lifecycle::check(b, &id, &checkbox, false, out).await
        }
        Command::Move { id, state, at, out } => lifecycle::move_to(b, &id, &state, at, out).await,
        Command::Close { id, out } => lifecycle::move_to(b, &id, "closed", None, out).await,
        Command::Update(a) => update::run(b, a).await,
        Command::Updates(a) => updates::run(b, a).await,
        Command::Export { id, format } => export::run(b, &id, &format).await,
        Command::Reflect(a) => reflect::run(b, a).await,
        Command::Reflections { out } => reflections::list(b, out).await,
        Command::Manual(a) => manual::manual(b, a).await,
        Command::Principle(c) => manual::principle(b, c).await,
        Command::Win(a) => care::win(b, a).await,
        Command::Wins { out } => care::wins(b, out).await,
        Command::SelfCare(a) => care::self_care(b, a).await,
        Command::Share(a) => share::run(b, a).await,
        Command::Comment(a) => comment::add(b, a).await,
        Command::Comments { id, out } => comment::list(b, &id, out).await,
        Command::Link(a) => link::run(b, a).await,
        Command::ExportData { path, force } => export_data::run(b, path, force).await,
        Command::Delete { id, yes } => erase::delete(b, &id, yes).await,
        Command::Prompt { out } => journal::prompt(b, out).await,
        Command::Journal { command, out } => journal::run(b, command, out).await,
        Command::Serve(_)
        | Command::Account(_)
        | Command::Login(_)
        | Command::Logout
        | Command::Whoami { .. }
        | Command::Plan(_)
        | Command::Reports { .. }
        | Command::Preferences(_)
        | Command::Webhook(_)
        | Command::Notify(_)
        | Command::Notifications(_)
        | Command::Digest(_)
        | Command::Diagnose(_)
        | Command::Completions { .. }
        | Command::Backup { .. }
        | Command::Restore { .. }
        | Command::Man { .. }
        | Command::Playbook(_)
        | Command::Lesson(_) => {
            unreachable!("handled by `run`")
        }
    }
}

/// A mistake id as typed: checked here, so a typo fails the same way
/// locally and against a server.
fn parse_id(id: &str) -> Result<MistakeId> {
    Ok(MistakeId::parse(id)?)
}

/// A flag naming one of a fixed set (severity, visibility): its value, or
/// the one-line reason it names nothing.
fn parse_choice<T>(value: Option<String>) -> Result<Option<T>>
where
    T: std::str::FromStr,
    T::Err: std::fmt::Display,
{
    value
        .map(|v| v.parse::<T>().map_err(|e| CliError::invalid(e.to_string())))
        .transpose()
}

/// After a change: the whole record as JSON, or a one-line confirmation.
fn done(r: &Record, out: JsonFlag, message: &str) {
    if out.json {
        println!("{}", r.json);
    } else {
        println!("{message}");
    }
}
